using System.Text.Json.Serialization;

namespace Ragex.Protocol;

/// <summary>Source-generated JSON for every protocol type, so output and transport need no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SearchReply))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchHit))]
[JsonSerializable(typeof(SearchMode))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

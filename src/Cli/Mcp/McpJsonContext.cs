using System.Text.Json.Serialization;

namespace Ragex.Cli.Mcp;

/// <summary>Source-generated JSON for the tools' own results, in the protocol's snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(McpSearchResult))]
[JsonSerializable(typeof(McpIndexSummary))]
public sealed partial class McpJsonContext : JsonSerializerContext;

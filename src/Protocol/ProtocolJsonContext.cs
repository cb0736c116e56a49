using System.Text.Json.Serialization;

namespace Ragex.Protocol;

/// <summary>Source-generated JSON for every protocol type, so output and transport need no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SearchReply))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchHit))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SearchMode))]
[JsonSerializable(typeof(IndexState))]
[JsonSerializable(typeof(Daemon.ProjectState))]
[JsonSerializable(typeof(Daemon.IndexPhase))]
[JsonSerializable(typeof(Daemon.DaemonEndpoint))]
[JsonSerializable(typeof(Daemon.SearchQuery))]
[JsonSerializable(typeof(Daemon.IndexProject))]
[JsonSerializable(typeof(Daemon.ProjectIndexed))]
[JsonSerializable(typeof(Daemon.RequestFailed))]
[JsonSerializable(typeof(Daemon.StatusQuery))]
[JsonSerializable(typeof(Daemon.DaemonStatus))]
[JsonSerializable(typeof(Daemon.ListProjects))]
[JsonSerializable(typeof(Daemon.ProjectList))]
[JsonSerializable(typeof(Daemon.RemoveProject))]
[JsonSerializable(typeof(Daemon.ReadCode))]
[JsonSerializable(typeof(Daemon.CodeSpan))]
[JsonSerializable(typeof(Daemon.ProjectRemoved))]
[JsonSerializable(typeof(Cluster.EmbedBatch))]
[JsonSerializable(typeof(Cluster.BatchEmbedded))]
[JsonSerializable(typeof(Cluster.BatchFailed))]
[JsonSerializable(typeof(Cluster.BatchRefused))]
[JsonSerializable(typeof(Cluster.IndexUpdated))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Ragex.Protocol.Daemon;

/// <summary>The step of indexing under way, for progress and status (its JSON: lowercase names).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndexPhase>))]
public enum IndexPhase
{
    /// <summary>Walking the tree and comparing it with the index.</summary>
    [JsonStringEnumMemberName("scanning")]
    Scanning,

    /// <summary>Running ctags and chunking the changed files, storing them with their static vectors.</summary>
    [JsonStringEnumMemberName("parsing")]
    Parsing,

    /// <summary>The transformer tier embedding the chunks it has not covered yet.</summary>
    [JsonStringEnumMemberName("embedding")]
    Embedding,
}

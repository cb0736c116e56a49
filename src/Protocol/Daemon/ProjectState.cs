using System.Text.Json.Serialization;

namespace Ragex.Protocol.Daemon;

/// <summary>What a project is doing, for status (its JSON: lowercase names).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectState>))]
public enum ProjectState
{
    /// <summary>A run is walking, parsing or storing changed files.</summary>
    [JsonStringEnumMemberName("indexing")]
    Indexing,

    /// <summary>No run: the transformer tier is filling in behind the static one.</summary>
    [JsonStringEnumMemberName("embedding")]
    Embedding,

    /// <summary>Idle; changes arrive by periodic rescans because the file watcher cannot run.</summary>
    [JsonStringEnumMemberName("polling")]
    Polling,

    /// <summary>Idle and watched: the index is current.</summary>
    [JsonStringEnumMemberName("watching")]
    Watching,
}

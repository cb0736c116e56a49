using Ragex.Protocol.Cluster;

namespace Ragex.Actors.Messages;

/// <summary>Workers (model sessions, or embedder nodes in cluster mode), how many are busy, and requests waiting in the queue.</summary>
public sealed record EmbedderPoolStatus(int Workers, int Busy, int Queued)
{
    /// <summary>Cluster mode: every embedder node the router knows.</summary>
    public IReadOnlyList<EmbedderNodeStatus>? Nodes { get; init; }

    public long Retries { get; init; }

    public long DuplicatesDropped { get; init; }
}

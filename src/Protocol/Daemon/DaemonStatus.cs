namespace Ragex.Protocol.Daemon;

/// <summary>The daemon's health: uptime, memory, the shared embedder pool, and every project's state.</summary>
public sealed record DaemonStatus(string Version, int ProcessId, double UptimeSeconds, long WorkingSetBytes, IReadOnlyList<ProjectStatus> Projects) : IProtocolMessage
{
    /// <summary>Model sessions in the embedder pool, how many are embedding now, and requests waiting for one.</summary>
    public int EmbedderSessions { get; init; }

    public int EmbedderBusy { get; init; }

    public int EmbedderQueued { get; init; }

    /// <summary>Cluster mode only: the embedder nodes the index owner distributes batches over.</summary>
    public IReadOnlyList<Cluster.EmbedderNodeStatus>? EmbedderNodes { get; init; }

    /// <summary>Cluster mode: batches sent again because their node left, became unreachable, refused or timed out.</summary>
    public long EmbeddingRetries { get; init; }

    /// <summary>Cluster mode: late second answers for a batch already stored, dropped rather than stored twice.</summary>
    public long DuplicateEmbeddingsDropped { get; init; }

    /// <summary>Cluster mode: the node the client asked (the rest of this status is the project owner's).</summary>
    public Cluster.ClusterNodeStatus? Node { get; init; }
}

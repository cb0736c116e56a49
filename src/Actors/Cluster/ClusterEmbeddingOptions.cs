namespace Ragex.Actors.Cluster;

/// <summary>How the index owner spreads embedding batches over embedder nodes (<c>ragex.cluster.embedding</c> in ragex.hocon).</summary>
public sealed record ClusterEmbeddingOptions
{
    /// <summary>Batches one node holds at once: one being embedded, one waiting, so its session never idles on the network.</summary>
    public int InFlightPerNode { get; init; } = 2;

    /// <summary>Batches waiting for a node; beyond it a project is told "busy" and retries (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 16;

    /// <summary>A batch unanswered this long is sent again (to any node); a late answer is then dropped.</summary>
    public TimeSpan BatchTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How long the router waits before sending again a batch a node refused (its queue was full).</summary>
    public TimeSpan RefusedRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Embedding requests one project keeps at the router; more than a single daemon's, to keep N nodes busy.</summary>
    public int InFlightPerProject { get; init; } = 8;
}

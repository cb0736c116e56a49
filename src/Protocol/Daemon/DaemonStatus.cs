namespace Ragex.Protocol.Daemon;

/// <summary>The daemon's health: uptime, memory, the shared embedder pool, and every project's state.</summary>
public sealed record DaemonStatus(string Version, int ProcessId, double UptimeSeconds, long WorkingSetBytes, IReadOnlyList<ProjectStatus> Projects) : IProtocolMessage
{
    /// <summary>Model sessions in the embedder pool, how many are embedding now, and requests waiting for one.</summary>
    public int EmbedderSessions { get; init; }

    public int EmbedderBusy { get; init; }

    public int EmbedderQueued { get; init; }
}

namespace Ragex.Protocol.Daemon;

/// <summary>One watched project as the daemon sees it.</summary>
public sealed record ProjectStatus(
    string ProjectId,
    string Root,
    ProjectState State,
    long Files,
    long Chunks,
    long EmbeddedChunks,
    int QueuedChanges,
    string? LastError)
{
    /// <summary>What the current run is doing (scanning, parsing), embedding while the transformer tier fills in, or null.</summary>
    public IndexPhase? Phase { get; init; }

    /// <summary>Items of the current phase done so far, and in all.</summary>
    public int PhaseDone { get; init; }

    public int PhaseTotal { get; init; }

    /// <summary>Chunks embedded per second in the current (or last) run.</summary>
    public double ChunksPerSecond { get; init; }

    /// <summary>Work of the current run not yet done: parse batches and embedding requests queued or in flight.</summary>
    public int QueueDepth { get; init; }

    /// <summary>Chunks with a static vector (searchable by meaning before the transformer reaches them).</summary>
    public long StaticChunks { get; init; }

    /// <summary>Why the transformer tier does not cover this project (too many chunks), or null when it does.</summary>
    public string? TransformerOff { get; init; }

    /// <summary>Why changes reach this project only by periodic rescans (the watcher cannot run), or null.</summary>
    public string? Polling { get; init; }

    /// <summary>Set when the daemon found the index unreadable, moved it aside and rebuilt it (where it went).</summary>
    public string? Repaired { get; init; }

    /// <summary>Chunks still without a transformer vector: the persistent embedding queue.</summary>
    public long PendingChunks => Chunks - EmbeddedChunks;

    /// <summary>Share of chunks with a vector, 0–100.</summary>
    public double IndexPercent => Chunks == 0 ? 100 : Math.Round(100.0 * EmbeddedChunks / Chunks, 1);
}

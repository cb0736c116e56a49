namespace Ragex.Protocol.Daemon;

/// <summary>One watched project as the daemon sees it.</summary>
public sealed record ProjectStatus(
    string ProjectId,
    string Root,
    string State,
    long Files,
    long Chunks,
    long EmbeddedChunks,
    int QueuedChanges,
    string? LastError)
{
    /// <summary>Share of chunks with a vector, 0–100.</summary>
    public double IndexPercent => Chunks == 0 ? 100 : Math.Round(100.0 * EmbeddedChunks / Chunks, 1);
}

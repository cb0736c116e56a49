using Ragex.Core.Projects;
using Ragex.Core.Walk;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Indexing;

/// <summary>
/// What one indexing run did. <see cref="Parsed"/> counts files whose content changed and were re-parsed;
/// <see cref="Embedded"/> the chunks embedded in this run (unchanged chunks keep their vectors); <see cref="ParsedPaths"/>
/// lists the re-parsed files, of which the reply carries the first few.
/// </summary>
public sealed record IndexSummary(
    Project Project,
    int Files,
    int Parsed,
    int Touched,
    int Deleted,
    long Symbols,
    IReadOnlyDictionary<SkipReason, int> Skipped,
    IReadOnlyList<string> ParsedPaths,
    TimeSpan Elapsed)
{
    public long Chunks { get; init; }

    public long EmbeddedChunks { get; init; }

    public long StaticChunks { get; init; }

    public bool TransformerContinues { get; init; }

    public int Embedded { get; init; }

    public TimeSpan EmbeddingTime { get; init; }

    public string? EmbeddingModel { get; init; }

    public IndexStages Stages { get; init; } = IndexStages.None;

    /// <summary>The reply the daemon sends and both CLI modes print, so their output is the same.</summary>
    public ProjectIndexed ToReply() => new(
        Project.Id, Project.Root, Files, Parsed, Deleted, Symbols, Chunks, EmbeddedChunks, Embedded, Elapsed.TotalSeconds)
    {
        Touched = Touched,
        Skipped = Skipped.OrderBy(s => s.Key).ToDictionary(s => SkipReasonNames.Of(s.Key), s => s.Value, StringComparer.Ordinal),
        FirstParsedPaths = [.. ParsedPaths.Order(StringComparer.Ordinal).Take(ProjectIndexed.FirstParsedPathsLimit)],
        EmbeddingSeconds = EmbeddingTime.TotalSeconds,
        EmbeddingModel = EmbeddingModel,
        StaticChunks = StaticChunks,
        TransformerContinues = TransformerContinues,
        Stages = Stages,
    };
}

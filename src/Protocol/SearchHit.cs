namespace Ragex.Protocol;

/// <summary>
/// One result of any search mode. <see cref="Path"/> is relative to <see cref="Root"/> with '/' separators;
/// lines and columns are 1-based.
/// </summary>
public sealed record SearchHit(
    string Root,
    string Path,
    int Line,
    int Column,
    int EndLine,
    string Kind,
    string? Symbol,
    string Preview,
    double Score,
    SearchMode Mode)
{
    public IReadOnlyList<ContextLine> Before { get; init; } = [];

    public IReadOnlyList<ContextLine> After { get; init; } = [];

    /// <summary>Byte-free character ranges of the match inside <see cref="Preview"/> (start, length), for highlighting.</summary>
    public IReadOnlyList<MatchSpan> Spans { get; init; } = [];
}

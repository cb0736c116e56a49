using System.Text.Json.Serialization;

namespace Ragex.Protocol;

/// <summary>
/// One result of any search mode. <see cref="Path"/> is relative to <see cref="Root"/> with '/' separators;
/// lines and columns are 1-based. <see cref="Line"/>, <see cref="Column"/> and <see cref="Preview"/> are the line that
/// answers the query; a hit that stands for a section (a chunk) also has its first line in <see cref="StartLine"/>, and
/// its last line is <see cref="EndLine"/>.
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

    /// <summary>The first line of the section the hit stands for (a chunk's span is StartLine..EndLine); null when that is <see cref="Line"/>.</summary>
    public int? StartLine { get; init; }

    /// <summary>The first line of the hit's section: <see cref="StartLine"/>, or <see cref="Line"/> when the hit has none.</summary>
    [JsonIgnore]
    public int SectionStart => StartLine ?? Line;
}

namespace Ragex.Protocol;

/// <summary>Everything a search needs, whichever process answers it.</summary>
public sealed record SearchRequest(string Query, SearchMode Mode)
{
    /// <summary>Absolute paths to search; empty means every registered project.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    public bool IgnoreCase { get; init; }

    public bool SmartCase { get; init; }

    public bool FixedStrings { get; init; }

    public bool WordRegexp { get; init; }

    public IReadOnlyList<string> Globs { get; init; } = [];

    public IReadOnlyList<string> Types { get; init; } = [];

    public int ContextLines { get; init; }

    /// <summary>Maximum matches per file (ripgrep's --max-count); null is unlimited.</summary>
    public int? MaxCountPerFile { get; init; }

    /// <summary>Maximum hits in the reply; null is unlimited.</summary>
    public int? Limit { get; init; }

    /// <summary>Semantic mode: drop hits whose cosine similarity is below this.</summary>
    public double? MinScore { get; init; }

    /// <summary>
    /// Regex and references: ripgrep reads files in path order (on one thread), so a limited search finds the same
    /// hits every time; pages of one ranking depend on it.
    /// </summary>
    public bool StableOrder { get; init; }

    /// <summary>Symbol kinds to keep (ctags long names such as "function", "class"); empty keeps all.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>A bare identifier in auto mode: after its definitions and the lines that use it, the chunks semantically like it.</summary>
    public bool Related { get; init; }

    /// <summary>Chunk hits: every line of the chunk around the line that answers the query (ck's --full-section).</summary>
    public bool FullSection { get; init; }
}

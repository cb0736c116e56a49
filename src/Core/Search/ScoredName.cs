namespace Ragex.Core.Search;

/// <summary>A symbol name and how well it answers a query (<see cref="SymbolMatcher.Score"/>).</summary>
public readonly record struct ScoredName(string Name, double Score)
{
    /// <summary>Best score first, then ordinal name order: the order the fuzzy lookup has always returned.</summary>
    public static int Compare(ScoredName a, ScoredName b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Name, b.Name);
    }
}

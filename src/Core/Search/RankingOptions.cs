namespace Ragex.Core.Search;

/// <summary>Fusion and ranking settings for semantic, keyword and hybrid search (documented in ragex.hocon).</summary>
public sealed record RankingOptions
{
    /// <summary>Reciprocal rank fusion constant: a hit at rank r contributes weight / (k + r).</summary>
    public int RrfK { get; init; } = 60;

    public double SemanticWeight { get; init; } = 1.0;

    public double KeywordWeight { get; init; } = 1.0;

    /// <summary>BM25 weight of a chunk's symbol name relative to its text.</summary>
    public double SymbolNameWeight { get; init; } = 4.0;

    /// <summary>Candidates each retriever contributes before fusion.</summary>
    public int Candidates { get; init; } = 100;

    /// <summary>
    /// Candidates to fetch for a scope: more when only part of the project is searched, since the retrievers rank the
    /// whole project and the path filter comes after them.
    /// </summary>
    public int CandidatesFor(SearchScope scope) => scope.IsWholeProject ? Candidates : Candidates * 10;

    /// <summary>Hits of one file allowed among the leading results.</summary>
    public int HitsPerFile { get; init; } = 2;

    /// <summary>Hits a semantic, keyword or hybrid search returns when --limit is not given.</summary>
    public int DefaultLimit { get; init; } = 10;

    /// <summary>Hits a symbol search returns when --limit is not given.</summary>
    public int SymbolLimit { get; init; } = 50;
}

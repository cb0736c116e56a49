namespace Ragex.Core.Search;

/// <summary>Fusion and ranking settings for semantic, keyword and hybrid search (documented in ragex.hocon).</summary>
public sealed record RankingOptions
{
    /// <summary>Reciprocal rank fusion constant: a hit at rank r contributes weight / (k + r).</summary>
    public int RrfK { get; init; } = 30;

    /// <summary>Weight of the transformer tier's ranking in fusion, times the share of chunks it has embedded.</summary>
    public double SemanticWeight { get; init; } = 1.0;

    /// <summary>Weight of the static tier's ranking in fusion.</summary>
    public double StaticWeight { get; init; } = 1.0;

    public double KeywordWeight { get; init; } = 1.0;

    /// <summary>BM25 weight of a chunk's symbol name relative to its text.</summary>
    public double SymbolNameWeight { get; init; } = 4.0;

    /// <summary>BM25 weight of the words split out of a chunk's compound identifiers relative to its text.</summary>
    public double IdentifierWordsWeight { get; init; } = 1.0;

    /// <summary>BM25 weight of the words of a chunk's file path (parent directories and file stem) relative to its text.</summary>
    public double PathWordsWeight { get; init; } = 1.0;

    /// <summary>Candidates each retriever contributes before fusion.</summary>
    public int Candidates { get; init; } = 100;

    /// <summary>
    /// Candidates BM25 contributes when keyword search ranks alone: the ranking stack re-orders them by name, path and
    /// file, so a deeper list lets it reach the file a question names.
    /// </summary>
    public int KeywordCandidates { get; init; } = 200;

    /// <summary>
    /// Candidates to fetch for a scope: more when only part of the project is searched, since the retrievers rank the
    /// whole project and the path filter comes after them.
    /// </summary>
    public int CandidatesFor(SearchScope scope) => scope.IsWholeProject ? Candidates : Candidates * 10;

    /// <summary><see cref="CandidatesFor"/> for keyword search alone.</summary>
    public int KeywordCandidatesFor(SearchScope scope) => scope.IsWholeProject ? KeywordCandidates : KeywordCandidates * 10;

    /// <summary>Keyword and hybrid ranking: added to a chunk's factor times how well its symbol name and the query match (<see cref="QueryWords.Match"/>).</summary>
    public double SymbolMatchBoost { get; init; }

    /// <summary>
    /// Keyword ranking: <see cref="SymbolMatchBoost"/> when BM25 alone is ranked. Without the semantic ranking a chunk
    /// whose name the query spells is the best evidence left.
    /// </summary>
    public double KeywordSymbolMatchBoost { get; init; } = 1.0;

    /// <summary>Keyword and hybrid ranking: added to a chunk's factor times how well its file name and the query match.</summary>
    public double PathMatchBoost { get; init; } = 1.5;

    /// <summary>
    /// Keyword and hybrid ranking: added to the factor of every chunk of a file times the share of the query's words that the file's
    /// path and the names it defines hold (its outline: <c>Logger.php</c> defining pushHandler, addRecord... for "how
    /// handlers are registered by Logger").
    /// </summary>
    public double OutlineMatchBoost { get; init; } = 0.15;

    /// <summary>
    /// Keyword and hybrid ranking: added to the factor of a definition named exactly as a bare-identifier query (half
    /// again when its file carries the name too).
    /// </summary>
    public double NameDefinitionBoost { get; init; }

    /// <summary>Keyword ranking: <see cref="NameDefinitionBoost"/> when BM25 alone is ranked.</summary>
    public double KeywordNameDefinitionBoost { get; init; } = 1.0;

    /// <summary>Keyword and hybrid ranking: added to the factor of a chunk that is a definition (function, class...) rather than loose lines.</summary>
    public double DefinitionBoost { get; init; } = 0.1;

    /// <summary>Keyword and hybrid ranking: factor for tests, documentation, examples and generated files the query does not ask for.</summary>
    public double NonSourceFactor { get; init; } = 0.5;

    /// <summary>
    /// Keyword and hybrid ranking: factor for a C or C++ header when the implementation file of the same name is among the
    /// candidates: the header declares, the implementation defines.
    /// </summary>
    public double DeclaringHeaderFactor { get; init; } = 0.8;

    /// <summary>Keyword and hybrid ranking: a file scores its best chunk plus this share of its next <see cref="SiblingsCounted"/>.</summary>
    public double SiblingWeight { get; init; } = 0.2;

    /// <summary>Keyword ranking: <see cref="SiblingWeight"/> when BM25 alone is ranked.</summary>
    public double KeywordSiblingWeight { get; init; } = 0.35;

    /// <summary>The ranking keyword search uses: these options with the keyword-only values in place of the hybrid ones.</summary>
    public RankingOptions ForKeyword() => this with
    {
        SymbolMatchBoost = KeywordSymbolMatchBoost, SiblingWeight = KeywordSiblingWeight, NameDefinitionBoost = KeywordNameDefinitionBoost,
    };

    /// <summary>Keyword and hybrid ranking: how many of a file's chunks after its best one add <see cref="SiblingWeight"/> of their score.</summary>
    public int SiblingsCounted { get; init; } = 2;

    /// <summary>Hits of one file allowed among the leading results of semantic search.</summary>
    public int HitsPerFile { get; init; } = 2;

    /// <summary>
    /// Keyword and hybrid ranking: chunks of one file listed together under the file's score before other files; the file's
    /// other chunks follow the leading files.
    /// </summary>
    public int RankedHitsPerFile { get; init; } = 1;

    /// <summary>Hits a semantic, keyword or hybrid search returns when --limit is not given.</summary>
    public int DefaultLimit { get; init; } = 10;

    /// <summary>How many chunk hits of a search the reply shows: its --limit, else <see cref="DefaultLimit"/>.</summary>
    public int HitsShown(Protocol.SearchRequest request) => request.Limit ?? DefaultLimit;

    /// <summary>Hits a symbol search returns when --limit is not given.</summary>
    public int SymbolLimit { get; init; } = 50;

    /// <summary>Hits a bare identifier in auto mode returns when --limit is not given: its definitions, then the lines using it.</summary>
    public int IdentifierLimit { get; init; } = 20;

    /// <summary>Lines using a bare identifier that one file shows before the other files' lines.</summary>
    public int IdentifierLinesPerFile { get; init; } = 2;
}

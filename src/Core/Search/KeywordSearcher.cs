using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// BM25 (SQLite FTS5) over chunk text, symbol names and identifier words, re-ranked by <see cref="ChunkRanker"/>
/// (symbol and file-name matches, definitions, file roles, grouping by file) as hybrid search is.
/// </summary>
public sealed class KeywordSearcher(RipgrepFileTypes fileTypes, RankingOptions ranking) : ISearcher
{
    private readonly ChunkRanker ranker = new(ranking.ForKeyword());

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var ranked = Rank(database, request.Query, ranking.KeywordCandidatesFor(scope));
        var chunks = ChunkHits.Load(ranked, database, scope, request, new PathFilter(request, fileTypes));
        var outlines = ranking.OutlineMatchBoost == 0 ? null : database.Symbols.NamesByPath([.. chunks.Values.Select(c => c.Path).Distinct()]);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.ToHits(ranker.Rank(ranked, chunks, request.Query, outlines), scope, request, SearchMode.Keyword, ranking.HitsShown(request)));
    }

    /// <summary>Chunk ids by descending BM25, as many as hybrid fusion takes from each retriever.</summary>
    public IReadOnlyList<(long Id, double Score)> Rank(SearchScope scope, IndexDatabase database, string query) =>
        Rank(database, query, ranking.CandidatesFor(scope));

    /// <summary>
    /// The best <paramref name="limit"/> chunks by BM25. FTS5 scores every chunk the query matches, and on a large tree
    /// common words match most of it ("page fault handler" on the kernel: 91,067 chunks, 78 ms); when the chunks that
    /// hold every word are enough to fill the candidates (329 there, 7 ms), they are the candidates, with the same scores.
    /// </summary>
    private List<(long Id, double Score)> Rank(IndexDatabase database, string query, int limit)
    {
        var terms = KeywordQuery.Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        if (terms.Count > 1 && Search(database, KeywordQuery.ToFts(terms, "AND"), limit) is { } everyWord && everyWord.Count >= limit)
        {
            return everyWord;
        }

        return Search(database, KeywordQuery.ToFts(terms, "OR"), limit);
    }

    private List<(long Id, double Score)> Search(IndexDatabase database, string fts, int limit) =>
        database.Chunks.KeywordSearch(fts, ranking.SymbolNameWeight, ranking.IdentifierWordsWeight, ranking.PathWordsWeight, limit);
}

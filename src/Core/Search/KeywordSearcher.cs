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
        var ranked = Rank(scope, database, request.Query);
        var chunks = ChunkHits.Load(ranked, database, scope, request, new PathFilter(request, fileTypes));
        var outlines = ranking.OutlineMatchBoost == 0 ? null : database.SymbolNamesByPath([.. chunks.Values.Select(c => c.Path).Distinct()]);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.ToHits(ranker.Rank(ranked, chunks, request.Query, outlines), scope, SearchMode.Keyword));
    }

    /// <summary>Chunk ids by descending BM25.</summary>
    public IReadOnlyList<(long Id, double Score)> Rank(SearchScope scope, IndexDatabase database, string query)
    {
        var fts = KeywordQuery.ToFts(query);
        return fts is null ? [] : database.KeywordSearch(fts, ranking.SymbolNameWeight, ranking.IdentifierWordsWeight, ranking.PathWordsWeight, ranking.CandidatesFor(scope));
    }
}

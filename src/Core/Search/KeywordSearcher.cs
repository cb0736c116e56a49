using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>BM25 (SQLite FTS5) over chunk text and symbol names.</summary>
public sealed class KeywordSearcher(RipgrepFileTypes fileTypes, RankingOptions ranking) : ISearcher
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var hits = ChunkHits.From(Rank(scope, database, request.Query), database, scope, request, new PathFilter(request, fileTypes), SearchMode.Keyword);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.Diversify(hits, ranking.HitsPerFile));
    }

    /// <summary>Chunk ids by descending BM25.</summary>
    public IReadOnlyList<(long Id, double Score)> Rank(SearchScope scope, IndexDatabase database, string query)
    {
        var fts = KeywordQuery.ToFts(query);
        return fts is null ? [] : database.KeywordSearch(fts, ranking.SymbolNameWeight, ranking.IdentifierWordsWeight, ranking.CandidatesFor(scope));
    }
}

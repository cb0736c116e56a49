using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>Semantic and keyword (BM25) rankings of the same chunks, fused by weighted reciprocal rank fusion.</summary>
public sealed class HybridSearcher(SemanticSearcher semantic, KeywordSearcher keyword, RipgrepFileTypes fileTypes, RankingOptions ranking) : ISearcher
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var fused = ReciprocalRankFusion.Fuse(
            ranking.RrfK,
            (semantic.Rank(scope, database, request.Query, cancellationToken), ranking.SemanticWeight),
            (keyword.Rank(scope, database, request.Query), ranking.KeywordWeight));
        var hits = ChunkHits.From(fused, database, scope, request, new PathFilter(request, fileTypes), SearchMode.Hybrid);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.Diversify(hits, ranking.HitsPerFile));
    }
}

using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Semantic (each embedding tier's) and keyword (BM25) rankings of the same chunks, fused by weighted reciprocal rank fusion, then re-ranked
/// by <see cref="ChunkRanker"/> (symbol and file-name matches, definitions, file roles, grouping by file).
/// </summary>
public sealed class HybridSearcher(SemanticSearcher semantic, KeywordSearcher keyword, RipgrepFileTypes fileTypes, RankingOptions ranking) : ISearcher
{
    private readonly ChunkRanker ranker = new(ranking);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var fused = ReciprocalRankFusion.Fuse(
            ranking.RrfK,
            [.. semantic.Rankings(scope, database, request.Query, cancellationToken), (keyword.Rank(scope, database, request.Query), ranking.KeywordWeight)]);
        var chunks = ChunkHits.Load(fused, database, scope, request, new PathFilter(request, fileTypes));
        var outlines = ranking.OutlineMatchBoost == 0 ? null : database.Symbols.NamesByPath([.. chunks.Values.Select(c => c.Path).Distinct()]);
        var ranked = ranker.Rank(fused, chunks, request.Query, outlines);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.ToHits(ranked, scope, request, SearchMode.Hybrid, ranking.HitsShown(request)));
    }
}

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

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        // The two retrievers run side by side, BM25 on a connection of its own (a connection serves one thread).
        var keywordRanking = Task.Run(
            () =>
            {
                using var own = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
                return keyword.Rank(scope, own, request.Query);
            },
            cancellationToken);
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var semanticRankings = semantic.Rankings(scope, database, request.Query, cancellationToken);
        var fused = ReciprocalRankFusion.Fuse(ranking.RrfK, [.. semanticRankings, (await keywordRanking, ranking.KeywordWeight)]);
        var chunks = ChunkHits.Load(fused, database, scope, request, new PathFilter(request, fileTypes));
        var ranked = ranker.Rank(fused, chunks, request.Query, ranker.Outlines(database, chunks, request.Query));
        return ChunkHits.ToHits(ranked, scope, request, SearchMode.Hybrid, ranking.HitsShown(request));
    }
}

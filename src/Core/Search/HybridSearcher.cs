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
        var filter = new PathFilter(request, fileTypes);
        var semanticRankings = semantic.Rankings(scope, database, request.Query, cancellationToken);

        // BM25 usually takes longer (on the kernel, 17-22 ms against 10-13): meanwhile the semantic candidates' chunks
        // and their files' outlines are read, and only what BM25 adds is left for after it.
        var semanticIds = semanticRankings.SelectMany(r => r.Ranking).DistinctBy(r => r.Id).ToList();
        var chunks = ChunkHits.Load(semanticIds, database, scope, request, filter);
        var outlines = ranker.Outlines(database, chunks.Values, request.Query);
        var keywordIds = await keywordRanking;
        var known = semanticIds.Select(r => r.Id).ToHashSet();
        var added = ChunkHits.Load([.. keywordIds.Where(r => !known.Contains(r.Id))], database, scope, request, filter);
        foreach (var (id, chunk) in added)
        {
            chunks[id] = chunk;
        }

        if (outlines is not null && added.Values.Where(c => !outlines.ContainsKey(c.Path)).ToList() is { Count: > 0 } unread)
        {
            foreach (var (path, names) in ranker.Outlines(database, unread, request.Query)!)
            {
                outlines[path] = names;
            }
        }

        var fused = ReciprocalRankFusion.Fuse(ranking.RrfK, [.. semanticRankings, (keywordIds, ranking.KeywordWeight)]);
        var ranked = ranker.Rank(fused, chunks, request.Query, outlines);
        return ChunkHits.ToHits(ranked, scope, request, SearchMode.Hybrid, ranking.HitsShown(request));
    }
}

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
        // The two retrievers run side by side, each reading its candidates' chunks and their files' outlines (the
        // names that share a word with the question) on a connection of its own (a connection serves one thread):
        // on the kernel each side takes 10-13 ms, and what is left after both is the fusion and the ranking.
        var filter = new PathFilter(request, fileTypes);
        var keywordSide = Task.Run(
            () =>
            {
                using var own = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
                var ranked = keyword.Rank(scope, own, request.Query);
                return Candidates.Read(ranked, own, scope, request, filter, ranker);
            },
            cancellationToken);
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var semanticRankings = semantic.Rankings(scope, database, request.Query, cancellationToken);
        var semanticSide = Candidates.Read([.. semanticRankings.SelectMany(r => r.Ranking).DistinctBy(r => r.Id)], database, scope, request, filter, ranker);
        var keywordCandidates = await keywordSide;

        var (chunks, outlines) = semanticSide.Merge(keywordCandidates);
        var fused = ReciprocalRankFusion.Fuse(ranking.RrfK, [.. semanticRankings, (keywordCandidates.Ranked, ranking.KeywordWeight)]);
        var ranked = ranker.Rank(fused, chunks, request.Query, outlines);
        return ChunkHits.ToHits(ranked, scope, request, SearchMode.Hybrid, ranking.HitsShown(request));
    }

    /// <summary>One retriever's ranking with its chunks (those the filter keeps) and their files' outlines.</summary>
    private sealed record Candidates(
        IReadOnlyList<(long Id, double Score)> Ranked, Dictionary<long, StoredChunk> Chunks, Dictionary<string, List<string>>? Outlines)
    {
        public static Candidates Read(
            IReadOnlyList<(long Id, double Score)> ranked, IndexDatabase database, SearchScope scope, SearchRequest request, PathFilter filter, ChunkRanker ranker)
        {
            var chunks = ChunkHits.Load(ranked, database, scope, request, filter);
            return new(ranked, chunks, ranker.Outlines(database, chunks.Values, request.Query));
        }

        /// <summary>Both sides' chunks and outlines together (a chunk or a file both read is the same).</summary>
        public (Dictionary<long, StoredChunk> Chunks, Dictionary<string, List<string>>? Outlines) Merge(Candidates other)
        {
            foreach (var (id, chunk) in other.Chunks)
            {
                Chunks.TryAdd(id, chunk);
            }

            if (Outlines is not null && other.Outlines is not null)
            {
                foreach (var (path, names) in other.Outlines)
                {
                    Outlines.TryAdd(path, names);
                }
            }

            return (Chunks, Outlines);
        }
    }
}

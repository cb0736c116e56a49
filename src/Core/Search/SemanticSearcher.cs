using Ragex.Core.Embedding;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Finds the chunks nearest the query by cosine similarity in each embedding tier's FAISS index: the static tier
/// (every chunk) and the transformer tier (the chunks it has covered so far, weighted by that share, so a half-built
/// tier never outweighs a complete one), fused by reciprocal rank.
/// </summary>
public sealed class SemanticSearcher(
    EmbedderProvider embedders, VectorIndexCache vectors, RipgrepFileTypes fileTypes, RankingOptions ranking, TierCoverageCache? coverageCache = null) : ISearcher
{
    private readonly TierCoverageCache coverageCache = coverageCache ?? new();

    /// <summary>
    /// Rank by the static tier alone when it has vectors: a table lookup per query, no model to load or run (what a bare
    /// identifier's file ordering needs; the transformer is used only where the static tier has nothing).
    /// </summary>
    public bool StaticTierFirst { get; init; }

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var rankings = Rankings(scope, database, request.Query, cancellationToken);
        var ranked = rankings.Count == 1 ? rankings[0].Ranking : WithCosines(ReciprocalRankFusion.Fuse(ranking.RrfK, [.. rankings]), rankings);
        var chunks = ChunkHits.Load(ranked, database, scope, request, new PathFilter(request, fileTypes));
        var kept = ranked.Where(r => chunks.ContainsKey(r.Id) && (request.MinScore is not { } minimum || Math.Round(r.Score, 4) >= minimum))
            .Select(r => new RankedChunk(chunks[r.Id], r.Score))
            .ToList();
        var diversified = ChunkHits.Diversify(kept, ranking.HitsPerFile, c => (scope.Project.Root, c.Chunk.Path));
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.ToHits(diversified, scope, request, SearchMode.Semantic, ranking.HitsShown(request)));
    }

    /// <summary>Each tier's chunk ids by descending cosine similarity, with its weight in fusion.</summary>
    public IReadOnlyList<(IReadOnlyList<(long Id, double Score)> Ranking, double Weight)> Rankings(
        SearchScope scope, IndexDatabase database, string query, CancellationToken cancellationToken)
    {
        var coverage = coverageCache.Of(scope.Project, database);
        var rankings = new List<(IReadOnlyList<(long Id, double Score)>, double)>(2);
        if (embedders.HasStaticTier && coverage.StaticChunks > 0)
        {
            rankings.Add((Search(scope, database, VectorTier.Static, embedders.Static.Embed(query)), ranking.StaticWeight));
        }

        // Above transformer-max-chunks the transformer tier is off (its vectors, if any, stale) and the reply says the
        // static tier answers: the model is neither loaded nor run for the question.
        if (embedders.HasTransformerTier && coverage.TransformerChunks > 0
            && !((StaticTierFirst || embedders.TransformerOffFor(coverage.Chunks)) && rankings.Count > 0))
        {
            var vector = embedders.Embedder.Embed([query], EmbeddingPurpose.Query, cancellationToken)[0];
            rankings.Add((Search(scope, database, VectorTier.Transformer, vector), ranking.SemanticWeight * coverage.TransformerShare));
        }

        return rankings.Count > 0
            ? rankings
            : throw new RagexException($"{scope.Project.Root} has no embeddings yet; run `ragex index {scope.Project.Root}`");
    }

    /// <summary>
    /// The fused order, each chunk scored by its cosine similarity in the most precise tier that has it (the
    /// transformer's, else the static one), which is what --min-score and the printed score mean.
    /// </summary>
    private static List<(long Id, double Score)> WithCosines(
        List<(long Id, double Score)> fused, IReadOnlyList<(IReadOnlyList<(long Id, double Score)> Ranking, double Weight)> rankings)
    {
        var cosines = new Dictionary<long, double>();
        foreach (var (tierRanking, _) in rankings.Reverse())
        {
            foreach (var (id, cosine) in tierRanking)
            {
                cosines.TryAdd(id, cosine);
            }
        }

        return [.. fused.Select(f => (f.Id, cosines[f.Id]))];
    }

    private List<(long Id, double Score)> Search(SearchScope scope, IndexDatabase database, VectorTier tier, float[] vector) =>
        [.. vectors.Search(scope.Project, database, tier, vector, ranking.CandidatesFor(scope)).Select(m => (m.Id, (double)m.Score))];
}

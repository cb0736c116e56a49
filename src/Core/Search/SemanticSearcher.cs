using Ragex.Core.Embedding;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>Embeds the query and finds the nearest chunks by cosine similarity in the project's FAISS index.</summary>
public sealed class SemanticSearcher(EmbedderProvider embedders, VectorIndexCache vectors, RipgrepFileTypes fileTypes, RankingOptions ranking) : ISearcher
{
    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var ranked = Rank(scope, database, request.Query, cancellationToken);
        var hits = ChunkHits.From(ranked, database, scope, request, new PathFilter(request, fileTypes), SearchMode.Semantic)
            .Where(h => request.MinScore is not { } minimum || h.Score >= minimum)
            .ToList();
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.Diversify(hits, ranking.HitsPerFile));
    }

    /// <summary>Chunk ids by descending cosine similarity.</summary>
    public IReadOnlyList<(long Id, double Score)> Rank(SearchScope scope, IndexDatabase database, string query, CancellationToken cancellationToken)
    {
        if (database.CountEmbeddedChunks() == 0)
        {
            throw new RagexException($"{scope.Project.Root} has no embeddings yet; run `ragex index {scope.Project.Root}`");
        }

        var embedder = embedders.Embedder;
        var vector = embedder.Embed([query], EmbeddingPurpose.Query, cancellationToken)[0];
        return [.. vectors.Search(scope.Project, database, vector, ranking.CandidatesFor(scope)).Select(m => (m.Id, (double)m.Score))];
    }
}

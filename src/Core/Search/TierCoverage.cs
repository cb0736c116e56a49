using Ragex.Core.Storage;

namespace Ragex.Core.Search;

/// <summary>How far each embedding tier of a project's committed index has got.</summary>
public sealed record TierCoverage(string Root, long Chunks, long StaticChunks, long TransformerChunks)
{
    public static TierCoverage Of(string root, IndexDatabase database)
    {
        var chunks = database.Chunks.Count();
        return new(
            root, chunks, chunks - database.Chunks.CountPending(VectorIndex.VectorTier.Static), chunks - database.Chunks.CountPending(VectorIndex.VectorTier.Transformer));
    }

    /// <summary>Share of chunks the transformer has embedded, 0 to 1.</summary>
    public double TransformerShare => Chunks == 0 ? 0 : (double)TransformerChunks / Chunks;

    /// <summary>
    /// What a reply says while a tier is incomplete, or null when both are (or the transformer tier is not kept);
    /// a project above <paramref name="transformerMaxChunks"/> has the static tier only, and is told so.
    /// </summary>
    public string? Note(bool transformerKept, long transformerMaxChunks = long.MaxValue) =>
        StaticChunks < Chunks && StaticChunks > 0
            ? $"index building: static tier {100.0 * StaticChunks / Chunks:0}% of {Root} ({StaticChunks} of {Chunks} chunks)"
            : transformerKept && Chunks > transformerMaxChunks
                ? $"{Root}: {Chunks} chunks, above ragex.embedding.transformer-max-chunks ({transformerMaxChunks}): semantic results come from the static tier"
                : transformerKept && TransformerChunks < Chunks
                    ? $"transformer tier {100.0 * TransformerShare:0}% of {Root} ({TransformerChunks} of {Chunks} chunks); results improve as it completes"
                    : null;
}

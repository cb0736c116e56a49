namespace Ragex.Core.Embedding;

/// <summary>
/// Lets at most as many callers into the inner embedder as the gate allows, the others wait: bulk indexing of several
/// projects shares the model's threads and its activation memory instead of multiplying them.
/// </summary>
public sealed class GatedEmbedder(IEmbedder inner, SemaphoreSlim gate) : IEmbedder
{
    public int Dimension => inner.Dimension;

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        gate.Wait(cancellationToken);
        try
        {
            return inner.Embed(texts, purpose, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}

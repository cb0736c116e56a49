using Ragex.Core.Embedding;

namespace Ragex.Actors.Tests.Embedding;

/// <summary>
/// Fault injection only: an embedder that throws on any text containing <see cref="Poison"/> and, when
/// <see cref="Hold"/> is set, blocks each call until it is released, to fill the pool's queue. Its vectors are
/// deterministic but meaningless; tests that check search quality use the real model.
/// </summary>
internal sealed class FaultInjectingEmbedder : IEmbedder
{
    public const string Poison = "FAULT_INJECTED_POISON";

    public int Dimension => 384;

    public SemaphoreSlim? Hold { get; init; }

    /// <summary>Released once each time a call has started (and is possibly held).</summary>
    public SemaphoreSlim Entered { get; } = new(0);

    public List<int> CallSizes { get; } = [];

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        lock (CallSizes)
        {
            CallSizes.Add(texts.Count);
        }

        Entered.Release();
        Hold?.Wait(cancellationToken);
        if (texts.Any(t => t.Contains(Poison, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("fault injected: the model cannot embed this text");
        }

        return [.. texts.Select(Vector)];
    }

    private float[] Vector(string text)
    {
        var vector = new float[Dimension];
        vector[(int)((uint)text.GetHashCode(StringComparison.Ordinal) % Dimension)] = 1;
        return vector;
    }
}

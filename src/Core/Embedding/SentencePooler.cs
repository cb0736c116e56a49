namespace Ragex.Core.Embedding;

/// <summary>One sentence vector from a row of <c>last_hidden_state</c>, scaled to unit length.</summary>
internal static class SentencePooler
{
    private const float Epsilon = 1e-12f;

    /// <param name="states">The row's token vectors, <c>tokens</c> real ones first, then padding.</param>
    /// <param name="tokens">Tokens under the attention mask (the real ones, <c>[CLS]</c> and <c>[SEP]</c> included).</param>
    /// <param name="dimension">Width of one token vector.</param>
    /// <param name="pooling">The pooling the model was trained with.</param>
    /// <param name="normalize">Scale the result to unit length (false only for distillation, which wants raw vectors).</param>
    public static float[] Pool(ReadOnlySpan<float> states, int tokens, int dimension, EmbeddingPooling pooling, bool normalize = true)
    {
        var vector = new float[dimension];
        switch (pooling)
        {
            case EmbeddingPooling.Cls:
                states[..dimension].CopyTo(vector);
                break;
            case EmbeddingPooling.Mean:
                for (var token = 0; token < tokens; token++)
                {
                    var state = states.Slice(token * dimension, dimension);
                    for (var i = 0; i < dimension; i++)
                    {
                        vector[i] += state[i];
                    }
                }
                var scale = 1f / Math.Max(tokens, 1);
                for (var i = 0; i < dimension; i++)
                {
                    vector[i] *= scale;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pooling), pooling, null);
        }

        if (normalize)
        {
            Normalize(vector);
        }

        return vector;
    }

    public static void Normalize(Span<float> vector)
    {
        var sum = 0f;
        foreach (var value in vector)
        {
            sum += value * value;
        }
        var scale = 1f / MathF.Max(MathF.Sqrt(sum), Epsilon);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}

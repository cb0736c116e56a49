using System.Numerics;
using System.Runtime.InteropServices;

namespace Ragex.Core.Embedding;

/// <summary>
/// Embeds a text with a <see cref="StaticModel"/>: the mean of its WordPiece tokens' rows (<see cref="BertPieces"/>: no
/// special tokens, unknown tokens dropped, the first <see cref="MaxTokens"/> tokens), scaled to unit length. No model
/// runs: microseconds a text. Safe to call from many threads.
/// </summary>
public sealed class StaticEmbedder : IEmbedder
{
    public const int MaxTokens = 512;

    private readonly StaticTable table;

    public StaticEmbedder(StaticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        table = model.Table;
        Pieces = new BertPieces(model.Source.CreateTokenizer());
    }

    public StaticModel Model { get; }

    public BertPieces Pieces { get; }

    public int Dimension => table.Dimension;

    public float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            vectors[i] = Embed(texts[i]);
        }

        return vectors;
    }

    public float[] Embed(string text)
    {
        var sum = new float[Dimension];
        Pieces.ForEach(text, MaxTokens, id => AddRow(sum, table.Row(id)));
        Normalize(sum);
        return sum;
    }

    /// <summary>The token ids a text's vector is the mean of.</summary>
    internal List<int> TokenIds(string text) => Pieces.Ids(text, MaxTokens);

    private static void AddRow(Span<float> sum, ReadOnlySpan<float> row)
    {
        var width = Vector<float>.Count;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sums = MemoryMarshal.Cast<float, Vector<float>>(sum);
            var rows = MemoryMarshal.Cast<float, Vector<float>>(row);
            for (var v = 0; v < sums.Length; v++)
            {
                sums[v] += rows[v];
            }

            i = sums.Length * width;
        }

        for (; i < sum.Length; i++)
        {
            sum[i] += row[i];
        }
    }

    private static void Normalize(Span<float> vector)
    {
        var squares = 0f;
        foreach (var value in vector)
        {
            squares += value * value;
        }

        if (squares > 0)
        {
            var scale = 1f / MathF.Sqrt(squares);
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] *= scale;
            }
        }
    }
}

using System.Numerics.Tensors;

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
        Pieces.ForEach(text, MaxTokens, id => TensorPrimitives.Add(sum, table.Row(id), sum));
        SentencePooler.Normalize(sum);
        return sum;
    }

    /// <summary>The token ids a text's vector is the mean of.</summary>
    internal List<int> TokenIds(string text) => Pieces.Ids(text, MaxTokens);
}

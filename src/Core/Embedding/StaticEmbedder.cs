using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Tokenizers;

namespace Ragex.Core.Embedding;

/// <summary>
/// Embeds a text with a <see cref="StaticModel"/>: the mean of its WordPiece tokens' rows (no special tokens, unknown
/// tokens dropped, the first <see cref="MaxTokens"/> tokens), scaled to unit length. No model runs: microseconds a text.
/// </summary>
/// <remarks>
/// BERT's basic tokenizer splits on whitespace and punctuation before WordPiece, so a text's tokens are the tokens of
/// its pieces in order (split here as Hugging Face's BERT does, at every ASCII symbol: Microsoft.ML.Tokenizers keeps
/// '_' inside a word, which would make snake_case names one odd token run); each distinct piece is tokenized once and remembered (code repeats its identifiers), which is
/// what makes this fast. Safe to call from many threads.
/// </remarks>
public sealed class StaticEmbedder : IEmbedder
{
    public const int MaxTokens = 512;
    private const int CacheLimit = 1 << 20;

    private readonly StaticTable table;
    private readonly BertTokenizer tokenizer;
    private readonly ConcurrentDictionary<string, int[]> pieces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StaticEmbedder(StaticModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        table = model.Table;
        tokenizer = model.Source.CreateTokenizer();
        lookup = pieces.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public StaticModel Model { get; }

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
        Visit(text, sum, null);
        Normalize(sum);
        return sum;
    }

    /// <summary>The token ids a text's vector is the mean of.</summary>
    internal List<int> TokenIds(string text)
    {
        var ids = new List<int>();
        Visit(text, [], ids);
        return ids;
    }

    /// <summary>Adds the rows of the text's first <see cref="MaxTokens"/> tokens to <paramref name="sum"/> (and lists them in <paramref name="ids"/>).</summary>
    private void Visit(string text, Span<float> sum, List<int>? ids)
    {
        var remaining = MaxTokens;
        var start = -1;
        for (var i = 0; i <= text.Length && remaining > 0; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsPunctuation(c))
            {
                if (start >= 0)
                {
                    remaining = Add(text.AsSpan(start, i - start), sum, ids, remaining);
                    start = -1;
                }

                if (remaining > 0 && IsPunctuation(c))
                {
                    remaining = Add(text.AsSpan(i, 1), sum, ids, remaining);
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }
    }

    /// <summary>Adds the rows of a piece's tokens (at most <paramref name="remaining"/>) to the sum; returns what remains.</summary>
    private int Add(ReadOnlySpan<char> piece, Span<float> sum, List<int>? tokens, int remaining)
    {
        if (!lookup.TryGetValue(piece, out var ids))
        {
            ids = [.. tokenizer.EncodeToIds(piece, addSpecialTokens: false).Where(id => id != tokenizer.UnknownTokenId)];
            if (pieces.Count >= CacheLimit)
            {
                pieces.Clear();
            }

            lookup.TryAdd(piece, ids);
        }

        var count = Math.Min(ids.Length, remaining);
        for (var t = 0; t < count; t++)
        {
            if (tokens is null)
            {
                AddRow(sum, table.Row(ids[t]));
            }
            else
            {
                tokens.Add(ids[t]);
            }
        }

        return remaining - count;
    }

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

    /// <summary>BERT's definition: ASCII symbols count as punctuation, as does every Unicode punctuation character.</summary>
    private static bool IsPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~')
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
}

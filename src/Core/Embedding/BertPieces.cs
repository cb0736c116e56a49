using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace Ragex.Core.Embedding;

/// <summary>
/// WordPiece ids of a text, split first as Hugging Face's BERT splits it (whitespace, line breaks and every ASCII
/// symbol end a piece; Microsoft.ML.Tokenizers joins words across line breaks and keeps '_' inside a word), each
/// distinct piece tokenized once and remembered (code repeats its identifiers), unknown tokens dropped. Safe to call
/// from many threads.
/// </summary>
public sealed class BertPieces
{
    private const int CacheLimit = 1 << 20;

    private readonly BertTokenizer tokenizer;
    private readonly ConcurrentDictionary<string, int[]> pieces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public BertPieces(BertTokenizer tokenizer)
    {
        this.tokenizer = tokenizer;
        lookup = pieces.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Calls <paramref name="token"/> with each of the text's first <paramref name="maxTokens"/> token ids, in order.</summary>
    public void ForEach(string text, int maxTokens, Action<int> token)
    {
        var remaining = maxTokens;
        var start = -1;
        for (var i = 0; i <= text.Length && remaining > 0; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsWhiteSpace(c) || char.IsControl(c) || IsPunctuation(c))
            {
                if (start >= 0)
                {
                    remaining = Emit(text.AsSpan(start, i - start), remaining, token);
                    start = -1;
                }

                if (remaining > 0 && IsPunctuation(c))
                {
                    remaining = Emit(text.AsSpan(i, 1), remaining, token);
                }
            }
            else if (start < 0)
            {
                start = i;
            }
        }
    }

    public List<int> Ids(string text, int maxTokens)
    {
        var ids = new List<int>();
        ForEach(text, maxTokens, ids.Add);
        return ids;
    }

    private int Emit(ReadOnlySpan<char> piece, int remaining, Action<int> token)
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
            token(ids[t]);
        }

        return remaining - count;
    }

    /// <summary>
    /// Forgets every remembered piece. After indexing the kernel the cache holds about a million of them (some 150 MiB
    /// of strings and arrays), which an idle process has no use for.
    /// </summary>
    public void Forget() => pieces.Clear();

    /// <summary>How many distinct pieces are remembered.</summary>
    internal int Remembered => pieces.Count;

    /// <summary>BERT's definition: ASCII symbols count as punctuation, as does every Unicode punctuation character.</summary>
    private static bool IsPunctuation(char c) =>
        c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~')
        || char.GetUnicodeCategory(c) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
}

using System.Text;
using System.Text.RegularExpressions;

namespace Ragex.Core.Chunking;

/// <summary>
/// Splits identifiers into the words they are made of — <c>parseHTTPResponse</c> → parse, http, response;
/// <c>MAX_RETRY_count</c> → max, retry, count; <c>v2Handler</c> → v2, handler — so that a question in plain words
/// meets code written in camelCase, PascalCase or snake_case. FTS5's own tokenizer already cuts at '_', '.', '/',
/// but keeps <c>parseHTTPResponse</c> as one token.
/// </summary>
public static partial class IdentifierWords
{
    /// <summary>The lower-case words of one identifier (a single word comes back alone).</summary>
    public static IReadOnlyList<string> Split(string identifier) =>
        [.. Part().Matches(identifier).Select(m => m.Value.ToLowerInvariant())];

    /// <summary>
    /// The words of every compound identifier in <paramref name="text"/>, space-separated, each compound once: the
    /// extra column BM25 reads beside the chunk text (plain words are already in the text itself). Runs over every chunk
    /// of an index, so it allocates only for the compounds: a token that is one word by its shape is not split.
    /// </summary>
    public static string Compounds(string text)
    {
        HashSet<string>? seen = null;
        var words = new StringBuilder();
        foreach (var token in Token().EnumerateMatches(text))
        {
            var span = text.AsSpan(token.Index, token.Length);
            if (IsOneWord(span) || Part().Count(span) < 2)
            {
                continue;
            }

            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.GetAlternateLookup<ReadOnlySpan<char>>().Add(span))
            {
                continue;
            }

            foreach (var part in Part().EnumerateMatches(span))
            {
                if (words.Length > 0)
                {
                    words.Append(' ');
                }

                foreach (var c in span.Slice(part.Index, part.Length))
                {
                    words.Append(char.ToLowerInvariant(c));
                }
            }
        }

        return words.ToString();
    }

    /// <summary>
    /// Whether a token (letters and digits) is one word of <see cref="Part"/> by its shape alone: lower case with at
    /// most a capital before and digits after (render, Render, utf8), capitals with digits after (HTTP, MAX2), or
    /// digits. Most tokens of code are; the rest are counted by the expression itself.
    /// </summary>
    private static bool IsOneWord(ReadOnlySpan<char> token)
    {
        var i = 0;
        var upper = 0;
        while (i < token.Length && char.IsUpper(token[i]))
        {
            i++;
            upper++;
        }

        var lower = 0;
        while (i < token.Length && char.IsLower(token[i]))
        {
            i++;
            lower++;
        }

        if (upper > 1 && lower > 0)
        {
            return false;
        }

        while (i < token.Length && char.IsNumber(token[i]))
        {
            i++;
        }

        return i == token.Length;
    }

    /// <summary>
    /// The distinct words of a file's defined names (<c>kmalloc_array</c>, <c>parseHTTPResponse</c>: kmalloc array parse
    /// http response), longer than one letter, space-separated: what its outline says, kept per file so that ranking
    /// need not read a kernel file's thousands of names.
    /// </summary>
    public static string OfNames(IEnumerable<string> names)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            foreach (Match part in Part().Matches(name))
            {
                if (part.Length > 1)
                {
                    words.Add(part.Value.ToLowerInvariant());
                }
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>
    /// The words of a file's place, its parent directories and its name without extensions, each compound also split
    /// (<c>src/Newtonsoft.Json/JsonSerializer.cs</c>: src newtonsoft json jsonserializer json serializer).
    /// </summary>
    public static string OfPath(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var dot = name.IndexOf('.', 1);
        var place = path[..(path.LastIndexOf('/') + 1)] + (dot < 0 ? name : name[..dot]);
        var words = new List<string>();
        foreach (Match token in Token().Matches(place))
        {
            words.Add(token.Value.ToLowerInvariant());
            if (Split(token.Value) is { Count: > 1 } parts)
            {
                words.AddRange(parts);
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>Runs of letters and digits, as FTS5's unicode61 tokenizer sees tokens.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Token();

    /// <summary>
    /// One word of an identifier: an upper-case run not followed by lower case (HTTP in HTTPResponse), a capitalised
    /// or lower-case word, digits staying with the word before them (v2, utf8).
    /// </summary>
    [GeneratedRegex(@"\p{Lu}+(?!\p{Ll})\p{N}*|\p{Lu}?\p{Ll}+\p{N}*|\p{N}+")]
    private static partial Regex Part();
}

using System.Text.RegularExpressions;
using Ragex.Core.Chunking;

namespace Ragex.Core.Search;

/// <summary>
/// Turns free text into an FTS5 MATCH expression: its words, lower-cased, quoted, common English function words
/// dropped, compound identifiers also split into their words (getUserName: getusername, get, user, name) and hyphenated words
/// also joined (URL-encoded: url, encoded, urlencoded), OR-ed so BM25 ranks chunks by how many rare terms they share with the question.
/// </summary>
public static partial class KeywordQuery
{
    private static readonly HashSet<string> StopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "do", "does", "for", "from", "how", "i", "if", "in", "into", "is",
        "it", "its", "of", "on", "or", "that", "the", "their", "them", "this", "to", "what", "when", "where", "which",
        "with", "without", "can", "get", "all", "some", "one", "there",
    ];

    public static bool IsStopWord(string lowerCaseWord) => StopWords.Contains(lowerCaseWord);

    public static IReadOnlyList<string> Terms(string text)
    {
        var words = Word().Matches(text)
            .SelectMany(m => IdentifierWords.Split(m.Value) is { Count: > 1 } parts ? [m.Value.ToLowerInvariant(), .. parts] : new[] { m.Value.ToLowerInvariant() })
            .Concat(Hyphenated().Matches(text).Select(m => m.Value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()))
            .Distinct()
            .ToList();
        var meaningful = words.Where(w => !StopWords.Contains(w)).ToList();
        return meaningful.Count > 0 ? meaningful : words;
    }

    /// <summary>The MATCH expression (any of the words), or null when the text has no words at all.</summary>
    public static string? ToFts(string text)
    {
        var terms = Terms(text);
        return terms.Count == 0 ? null : ToFts(terms, "OR");
    }

    /// <summary>The MATCH expression joining <paramref name="terms"/> with <paramref name="operation"/> (OR: any of them, AND: all).</summary>
    public static string ToFts(IReadOnlyList<string> terms, string operation) =>
        string.Join($" {operation} ", terms.Select(t => "\"" + t + "\""));

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>Words joined by hyphens (URL-encoded, built-in), also asked for as one word: code writes them so (urlencoded, builtin).</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+(-[\p{L}\p{N}]+)+")]
    private static partial Regex Hyphenated();
}

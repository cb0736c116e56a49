using Ragex.Core.Chunking;

namespace Ragex.Core.Search;

/// <summary>
/// The words of a query compared with the names in the code: lower-case, identifiers split, function words dropped,
/// each word cut to a short stem so that inflections meet (configuration ~ config, sessions ~ session,
/// registration ~ register).
/// </summary>
public sealed class QueryWords
{
    /// <summary>Characters a stem keeps: enough to tell words apart in code vocabulary, few enough to merge inflections.</summary>
    public const int StemLength = 5;

    public QueryWords(string query)
    {
        Terms = KeywordQuery.Terms(query);
        Stems = Terms.Select(Stem).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Lower-case words and identifier parts, function words dropped.</summary>
    public IReadOnlyList<string> Terms { get; }

    public IReadOnlySet<string> Stems { get; }

    public static string Stem(string word) => word.Length <= StemLength ? word : word[..StemLength];

    /// <summary>
    /// The share of a name's words (an identifier or a file name: <c>register_blueprint</c>, <c>sessions.py</c>) that the
    /// query mentions, 0 to 1; short connecting words of the name count for nothing either way.
    /// </summary>
    public double Coverage(string name)
    {
        var words = NameStems(name);
        return words.Count == 0 ? 0 : words.Count(Stems.Contains) / (double)words.Count;
    }

    /// <summary>
    /// How well a name and the query describe each other, 0 to 1: the share of the name's words the query mentions
    /// times the share of the query's words the name holds. A one-word name that shares one word with a long
    /// question (<c>random.py</c> for "generate a random unique identifier") matches only weakly.
    /// </summary>
    public double Match(string name)
    {
        var words = NameStems(name);
        if (words.Count == 0 || Stems.Count == 0)
        {
            return 0;
        }

        var shared = Stems.Count(words.Contains);
        return Coverage(name) * shared / Stems.Count;
    }

    /// <summary>The share of the query's words found among the words of the given names (0 to 1).</summary>
    public double Share(IEnumerable<string> names)
    {
        if (Stems.Count == 0)
        {
            return 0;
        }

        var missing = new HashSet<string>(Stems, StringComparer.Ordinal);
        foreach (var name in names)
        {
            // A word of the name gives a stem only if the name holds that stem, so most of a file's names (thousands
            // in a kernel source file) are passed over without being split.
            var lower = name.ToLowerInvariant();
            if (!missing.Any(stem => lower.Contains(stem, StringComparison.Ordinal)))
            {
                continue;
            }

            missing.ExceptWith(NameStems(name));
            if (missing.Count == 0)
            {
                break;
            }
        }

        return (Stems.Count - missing.Count) / (double)Stems.Count;
    }

    private static List<string> NameStems(string name) =>
        [.. IdentifierWords.Split(name).Where(w => w.Length > 1 && !KeywordQuery.IsStopWord(w)).Select(Stem).Distinct()];
}

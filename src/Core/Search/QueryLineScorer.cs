using System.Text.RegularExpressions;
using Ragex.Core.Chunking;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Picks the line of a chunk that answers a query best: the line holding the most query words, each weighted by how
/// rare it is inside the chunk (a word on every line of a function tells the reader nothing about where to look).
/// Words meet as <see cref="QueryWords"/> stems, identifiers split, so "parse a URL" finds <c>urlparse(url)</c>.
/// </summary>
public sealed partial class QueryLineScorer(QueryWords query)
{
    private readonly Dictionary<string, string[]> matched = new(StringComparer.Ordinal);

    /// <summary>The index of the best line among <paramref name="lines"/>, or null when no line holds a query word.</summary>
    public int? Best(IReadOnlyList<string> lines)
    {
        var found = lines.Select(MatchedStems).ToList();
        var counted = found.Count(f => f.Count > 0);
        if (counted == 0)
        {
            return null;
        }

        var nonBlank = Math.Max(1, lines.Count(l => !string.IsNullOrWhiteSpace(l)));
        var frequency = found.SelectMany(f => f).GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var best = (Index: -1, Score: 0.0);
        for (var i = 0; i < found.Count; i++)
        {
            var score = found[i].Sum(stem => Math.Log(1 + nonBlank / (double)frequency[stem]));
            if (score > best.Score)
            {
                best = (i, score);
            }
        }

        return best.Index;
    }

    /// <summary>The ranges of the words of <paramref name="line"/> that the query mentions (whole identifiers).</summary>
    public IReadOnlyList<MatchSpan> Spans(string line) =>
        [.. Token().Matches(line).Where(t => Stems(t.Value).Length > 0).Select(t => new MatchSpan(t.Index, t.Length))];

    private HashSet<string> MatchedStems(string line) =>
        Token().Matches(line).SelectMany(t => Stems(t.Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The query's stems among a token's (itself and its identifier words), once per distinct token: code repeats its names.</summary>
    private string[] Stems(string token)
    {
        if (!matched.TryGetValue(token, out var stems))
        {
            stems = [.. IdentifierWords.Split(token).Prepend(token.ToLowerInvariant()).Select(QueryWords.Stem).Where(query.Stems.Contains).Distinct()];
            matched[token] = stems;
        }

        return stems;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Token();
}

using System.Text.RegularExpressions;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>Chooses a mode for <c>--mode auto</c> from the shape of the query, and says why.</summary>
public static partial class QueryClassifier
{
    public static ModeChoice Classify(string query)
    {
        var trimmed = query.Trim();
        if (Identifier().IsMatch(trimmed))
        {
            return new ModeChoice(SearchMode.Symbol, "bare identifier");
        }

        if (RegexConstruct().IsMatch(trimmed))
        {
            return new ModeChoice(SearchMode.Regex, "regex metacharacters");
        }

        // Words with a dotted name, a call or a question mark among them are a question about code, not a pattern.
        if (!trimmed.Any(char.IsWhiteSpace) && RegexMetacharacters().IsMatch(trimmed))
        {
            return new ModeChoice(SearchMode.Regex, "regex metacharacters");
        }

        return new ModeChoice(SearchMode.Hybrid, "natural language");
    }

    [GeneratedRegex(@"^[\p{L}_$][\p{L}\p{N}_$]*((\.|::|->|#)[\p{L}_$][\p{L}\p{N}_$]*)*$")]
    private static partial Regex Identifier();

    /// <summary>What only a pattern contains: an escape, a wildcard, an anchor, an alternation, a class, a repeat count.</summary>
    [GeneratedRegex(@"\\[\p{L}\p{N}\\.()\[\]{}|^$*+?]|\.[*+?]|^\^|\$$|\||\[[^\]]+\]|\{\d+(,\d*)?\}|\(\?")]
    private static partial Regex RegexConstruct();

    [GeneratedRegex(@"[\\^$.|?*+()\[\]{}]")]
    private static partial Regex RegexMetacharacters();
}

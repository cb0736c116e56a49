using MAB.DotIgnore;

namespace Ragex.Core.Ignore;

/// <summary>
/// The rules of one ignore file, parsed by MAB.DotIgnore. Unlike <see cref="IgnoreList.IsIgnored(string, bool)"/>,
/// <see cref="Decide"/> tells "no rule matched" apart from "a negated rule matched", which nested precedence needs.
/// </summary>
public sealed class IgnoreFile
{
    private readonly IReadOnlyList<IgnoreRule> rules;

    private IgnoreFile(IReadOnlyList<IgnoreRule> rules) => this.rules = rules;

    public static IgnoreFile Parse(IEnumerable<string> lines) =>
        new(new IgnoreList(lines.Where(IsRule), MatchFlags.PATHNAME).Rules.ToList());

    public static IgnoreFile Load(string path) => Parse(File.ReadLines(path));

    /// <summary>Decides for a path relative to this file's directory ('/' separators); the last matching rule wins.</summary>
    public IgnoreDecision Decide(string relativePath, bool isDirectory)
    {
        for (var i = rules.Count - 1; i >= 0; i--)
        {
            var rule = rules[i];
            if (rule.IsMatch(relativePath, isDirectory))
            {
                return rule.PatternFlags.HasFlag(PatternFlags.NEGATION) ? IgnoreDecision.Whitelist : IgnoreDecision.Ignore;
            }
        }

        return IgnoreDecision.None;
    }

    private static bool IsRule(string line) => !string.IsNullOrWhiteSpace(line) && !line.StartsWith('#');
}

using System.Text.RegularExpressions;
using Ragex.Core.Storage;

namespace Ragex.Core.Chunking;

/// <summary>
/// Recognises generated source: a banner near the top ("automatically generated", "DO NOT EDIT") or a file that is
/// thousands of one-line definitions (register headers, tables). Such files stay searchable by symbol and keyword
/// but get no vectors: their chunks would crowd semantic results and cost the transformer hours for no meaning.
/// </summary>
public static partial class GeneratedCode
{
    /// <summary>Lines at the top of a file searched for a banner (in a comment).</summary>
    public const int BannerLines = 10;

    private static readonly string[] CommentStarts = ["//", "#", "/*", "*", "--", ";", "<!--", "\"\"\"", "'''", "%"];

    /// <summary>A file with at least this many definitions, nearly all one line long, is generated.</summary>
    public const int ManyDefinitions = 1000;

    public static bool Detect(string[] lines, IReadOnlyList<SymbolRecord> symbols) =>
        HasBanner(lines) || IsDefinitionTable(symbols);

    private static bool HasBanner(string[] lines)
    {
        for (var i = 0; i < Math.Min(lines.Length, BannerLines); i++)
        {
            var line = lines[i].TrimStart();
            if (CommentStarts.Any(c => line.StartsWith(c, StringComparison.Ordinal)) && Banner().IsMatch(line))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDefinitionTable(IReadOnlyList<SymbolRecord> symbols) =>
        symbols.Count >= ManyDefinitions && symbols.Count(s => s.EndLine is null || s.EndLine == s.Line) >= symbols.Count * 9 / 10;

    [GeneratedRegex(@"\b(auto-?generated|automatically generated|generated automatically|this file (is|was) generated|generated file|do not (edit|modify))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Banner();
}

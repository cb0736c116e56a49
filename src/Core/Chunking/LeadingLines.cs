namespace Ragex.Core.Chunking;

/// <summary>
/// The lines just above a definition that belong to it: doc comments (<c>///</c>, <c>/** ... */</c>, <c>#</c>,
/// <c>--</c>), annotations and decorators (<c>@Override</c>, <c>#[derive]</c>, <c>[Fact]</c>) and Elixir's
/// <c>@doc """...""" </c> blocks, up to the first blank line or code line, so a definition's chunk carries the words that
/// describe it.
/// </summary>
public static class LeadingLines
{
    /// <summary>Lines looked at above a definition at most.</summary>
    public const int MaxLines = 80;

    private static readonly string[] Preprocessor = ["#include", "#define", "#if", "#endif", "#else", "#elif", "#pragma", "#import", "#undef", "#!"];

    /// <summary>The first line (1-based) of the definition on <paramref name="line"/> with its leading comments.</summary>
    public static int Start(string[] lines, int line)
    {
        var indent = Indentation(lines[line - 1]);
        var start = line;
        for (var above = line - 1; above >= 1 && line - above <= MaxLines; above--)
        {
            var text = lines[above - 1];
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || Indentation(text) < indent)
            {
                break;
            }

            if (trimmed is "\"\"\"" or "'''" && HeredocStart(lines, above, trimmed) is { } opening)
            {
                start = above = opening;
                continue;
            }

            if (!IsComment(trimmed) && !IsAnnotation(trimmed))
            {
                break;
            }

            start = above;
        }

        return start;
    }

    private static int? HeredocStart(string[] lines, int closing, string quote)
    {
        for (var above = closing - 1; above >= 1 && closing - above <= MaxLines; above--)
        {
            var trimmed = lines[above - 1].Trim();
            if (trimmed.Contains(quote, StringComparison.Ordinal))
            {
                return trimmed.StartsWith('@') ? above : null;
            }
        }

        return null;
    }

    private static bool IsComment(string trimmed) =>
        trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.StartsWith("/*", StringComparison.Ordinal)
        || trimmed.StartsWith('*') || trimmed.StartsWith("--", StringComparison.Ordinal) || trimmed.StartsWith(";;", StringComparison.Ordinal)
        || (trimmed.StartsWith('#') && !trimmed.StartsWith("#[", StringComparison.Ordinal) && !Preprocessor.Any(p => trimmed.StartsWith(p, StringComparison.Ordinal)));

    private static bool IsAnnotation(string trimmed) =>
        (trimmed.StartsWith('@') && trimmed.Length > 1 && char.IsLetter(trimmed[1]))
        || trimmed.StartsWith("#[", StringComparison.Ordinal)
        || (trimmed.StartsWith('[') && trimmed.EndsWith(']') && trimmed.Length > 2 && char.IsLetter(trimmed[1]));

    private static int Indentation(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c != ' ' && c != '\t')
            {
                break;
            }

            width += c == '\t' ? 4 : 1;
        }

        return width;
    }
}

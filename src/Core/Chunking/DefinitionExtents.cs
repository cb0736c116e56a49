using Ragex.Core.Storage;

namespace Ragex.Core.Chunking;

/// <summary>
/// Gives an end line to definitions ctags reports without one (PHP, Kotlin, JavaScript, TypeScript, Elixir functions,
/// Lua, shell), from the layout of the code rather than a grammar: the definition runs on while lines are indented
/// deeper than its first line, takes a brace or bracket that opens on a line of its own or closes the signature at the
/// same indentation (<c>{</c> under a PHP method, <c>): Int {</c> after Kotlin parameters), and ends with the closing
/// line at its own indentation (<c>}</c>, <c>end</c>, <c>fi</c>). Names that are usually one line (constants, aliases)
/// keep no end unless they span <see cref="MinimumValueLines"/> lines, so they do not become chunks of one line each.
/// </summary>
public static class DefinitionExtents
{
    /// <summary>Lines a constant or alias must span to be given an extent (and so a chunk of its own).</summary>
    public const int MinimumValueLines = 3;

    private const int TabWidth = 4;

    /// <summary>Kinds that never get an inferred extent: they are declarations of one line or whole-file markers.</summary>
    private static readonly HashSet<string> NoExtent =
    [
        "variable", "local", "parameter", "externvar", "label", "field", "member-variable", "enumerator", "unknown", "import",
        "namespace-alias", "package", "packageName", "namespace", "property", "accessor", "define", "member", "delegate",
        "heredoc", "target", "methodSpec",
    ];

    /// <summary>Kinds whose extent is kept only when it spans several lines (a value that is a whole definition).</summary>
    private static readonly HashSet<string> ValueKinds = ["constant", "const", "var", "alias", "typealias", "talias", "type", "macro"];

    private static readonly string[] ClosingWords = ["end", "fi", "done", "esac", "endif", "endfunction", "until"];

    public static IReadOnlyList<SymbolRecord> Infer(IReadOnlyList<SymbolRecord> symbols, string[] lines)
    {
        var starts = symbols.Where(s => s.Line >= 1 && s.Line <= lines.Length)
            .GroupBy(s => s.Line)
            .ToDictionary(g => g.Key, g => Indentation(lines[g.Key - 1]));
        var extended = symbols.Select(s => Extend(s, lines, starts)).ToList();
        return Rescope(extended);
    }

    private static SymbolRecord Extend(SymbolRecord symbol, string[] lines, Dictionary<int, int> starts)
    {
        if (symbol.Line < 1 || symbol.Line > lines.Length || NoExtent.Contains(symbol.Kind))
        {
            return symbol;
        }

        // ctags parsers without a grammar (Elixir's, for one) end a definition on the line where the next one begins,
        // or on an outer block's last line: such an end is not trusted and the layout decides.
        if (symbol.EndLine is { } given && given <= lines.Length && !Untrusted(symbol.Line, given, lines, starts))
        {
            return symbol;
        }

        var end = End(lines, symbol.Line);
        return !ValueKinds.Contains(symbol.Kind) || (symbol.Scope is null && end - symbol.Line + 1 >= MinimumValueLines)
            ? symbol with { EndLine = end }
            : symbol with { EndLine = null };
    }

    private static bool Untrusted(int line, int end, string[] lines, Dictionary<int, int> starts) =>
        end > line && (starts.ContainsKey(end)
            || (!string.IsNullOrWhiteSpace(lines[end - 1]) && Indentation(lines[end - 1]) < Indentation(lines[line - 1])));

    /// <summary>
    /// A scope that names a definition of the file whose extent does not hold the symbol (ctags' guess after a
    /// mis-ended definition) is replaced by the innermost definition that does hold it, or none.
    /// </summary>
    private static List<SymbolRecord> Rescope(List<SymbolRecord> symbols)
    {
        var containers = symbols.Where(s => s.EndLine is { } end && end > s.Line && !NoExtent.Contains(s.Kind)).ToList();
        return [.. symbols.Select(s =>
        {
            if (s.Scope is null)
            {
                return s;
            }

            var named = containers.Where(c => c.Name == s.Scope || s.Scope.EndsWith("." + c.Name, StringComparison.Ordinal)).ToList();
            if (named.Count == 0 || named.Any(c => Holds(c, s)))
            {
                return s;
            }

            var inner = containers.Where(c => c != s && Holds(c, s)).OrderByDescending(c => c.Line).FirstOrDefault();
            return s with { Scope = inner?.Name, ScopeKind = inner?.Kind };
        })];
    }

    private static bool Holds(SymbolRecord container, SymbolRecord symbol) =>
        container.Line < symbol.Line && symbol.Line <= container.EndLine;

    /// <summary>The last line (1-based) of the definition that starts on <paramref name="line"/>.</summary>
    public static int End(string[] lines, int line)
    {
        var indent = Indentation(lines[line - 1]);
        var depth = Brackets(lines[line - 1]);
        var end = line;
        var bodySeen = false;
        for (var next = line + 1; next <= lines.Length; next++)
        {
            var text = lines[next - 1];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var trimmed = text.TrimStart();
            if (Indentation(text) > indent)
            {
                end = next;
                bodySeen = true;
                depth += Brackets(text);
                continue;
            }

            // A brace under the signature (PHP, C#), the rest of a signature after its parameters or type parameters
            // (`): Int {`, `> extends Base {`), or the bracket that closes the body.
            var opensBody = !bodySeen && trimmed[0] == '{';
            var closesBracket = depth > 0 && trimmed[0] is '}' or ')' or ']';
            var closesTypeParameters = trimmed[0] == '>' && !trimmed.StartsWith("=>", StringComparison.Ordinal);
            if (opensBody || closesBracket || closesTypeParameters)
            {
                end = next;
                depth += Brackets(text);
                if (depth <= 0 && closesBracket)
                {
                    break;
                }

                continue;
            }

            if (bodySeen && Indentation(text) == indent && StartsWithClosingWord(trimmed))
            {
                end = next;
            }

            break;
        }

        return end;
    }

    private static bool StartsWithClosingWord(string trimmed) =>
        ClosingWords.Any(w => trimmed.StartsWith(w, StringComparison.Ordinal) && (trimmed.Length == w.Length || !char.IsLetterOrDigit(trimmed[w.Length]) && trimmed[w.Length] != '_'));

    private static int Indentation(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += TabWidth;
            }
            else
            {
                break;
            }
        }

        return width;
    }

    /// <summary>Opening minus closing brackets on a line, outside string literals and line comments (roughly).</summary>
    private static int Brackets(string line)
    {
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    break;
                case '/' when i + 1 < line.Length && line[i + 1] == '/':
                    return depth;
                case '{' or '(' or '[':
                    depth++;
                    break;
                case '}' or ')' or ']':
                    depth--;
                    break;
            }
        }

        return depth;
    }
}

using Ragex.Core.Storage;

namespace Ragex.Core.Chunking;

/// <summary>
/// Gives each definition its line as the preview a symbol search shows: the line trimmed, cut at
/// <see cref="PreviewLength"/> characters as ctags cut its patterns (ctags is not asked for them: printing one reads the
/// line from the file again). A definition whose line is not in the text keeps its name.
/// </summary>
public static class DefinitionLines
{
    public const int PreviewLength = 96;

    public static IReadOnlyList<SymbolRecord> WithPreviews(IReadOnlyList<SymbolRecord> symbols, string[] lines) =>
        [.. symbols.Select(symbol => symbol.Line >= 1 && symbol.Line <= lines.Length ? symbol with { Preview = Preview(lines[symbol.Line - 1]) } : symbol)];

    public static string Preview(string line)
    {
        var text = line.AsSpan().Trim();
        return (text.Length > PreviewLength ? text[..PreviewLength].TrimEnd() : text).ToString();
    }
}

using System.Globalization;
using System.Text;
using Ragex.Core;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Mcp;

/// <summary>
/// read_code's answer: a header naming the definition, then its lines numbered (<c>12| text</c>) from
/// <c>startLine</c> on, as many as the token budget holds; a clipped answer ends with the start line to continue from.
/// </summary>
public static class CodeAnswer
{
    public static string Render(CodeSpan span, int? startLine, int maxTokens)
    {
        TokenBudget.Check(maxTokens);
        var first = startLine ?? span.StartLine;
        if (first < span.StartLine || first > span.EndLine)
        {
            throw new RagexException($"start_line {first} is outside {span.Path}:{span.StartLine}-{span.EndLine}, the definition read");
        }

        var lines = span.Lines.Skip(first - span.StartLine).Select((text, i) => new NumberedLine(first + i, text)).ToList();
        var width = span.EndLine.ToString(CultureInfo.InvariantCulture).Length;
        string Render(IReadOnlyList<NumberedLine> shown) => Text(span, first, shown, lines.Count, width);

        if (!TokenBudget.Fits(Render([]), maxTokens))
        {
            throw new RagexException($"max_tokens {maxTokens} cannot hold even this answer's header; raise it");
        }

        var count = TokenBudget.Fit(lines, (line, _) => Numbered(line, width), n => Render(lines[..n]), maxTokens);
        if (count > 0 || lines.Count == 0)
        {
            return Render(lines[..count]);
        }

        // One line longer than the budget (minified code): as much of it as fits.
        return Shortened(lines[0]).Select(line => Render([line])).FirstOrDefault(answer => TokenBudget.Fits(answer, maxTokens))
            ?? throw new RagexException($"max_tokens {maxTokens} cannot hold one line of this definition; raise it");
    }

    private static string Text(CodeSpan span, int first, IReadOnlyList<NumberedLine> shown, int total, int width)
    {
        var label = span.Symbol is null ? span.Kind : $"{span.Kind} {span.Symbol}";
        var from = first > span.StartLine ? $" · from line {first}" : "";
        var text = new StringBuilder($"# {span.Path}:{span.StartLine}-{span.EndLine} [{label}]{from} · root {span.Root}\n");
        foreach (var note in span.Notes)
        {
            text.Append("note: ").Append(note).Append('\n');
        }

        foreach (var line in shown)
        {
            text.Append(Numbered(line, width));
        }

        if (shown.Count < total)
        {
            var next = shown.Count == 0 ? first : shown[^1].Number + 1;
            text.Append($"[clipped by max_tokens at line {next - 1} of {span.EndLine}: call read_code again with the same arguments and start_line {next} to continue]\n");
        }

        return text.ToString();
    }

    private static string Numbered(NumberedLine line, int width) =>
        $"{line.Number.ToString(CultureInfo.InvariantCulture).PadLeft(width)}| {line.Text}\n";

    private static IEnumerable<NumberedLine> Shortened(NumberedLine line)
    {
        for (var length = line.Text.Length / 2; length > 0; length /= 2)
        {
            yield return line with { Text = line.Text[..length] + "…" };
        }
    }

    private sealed record NumberedLine(int Number, string Text);
}

using Ragex.Protocol;

namespace Ragex.Cli.Output;

/// <summary>
/// grep/ripgrep style: <c>path:line:column:text</c> for hits, <c>path-line-text</c> for context lines and <c>--</c>
/// between separated groups; with a heading, the path once above its file's lines (a file's hits together, files in
/// the order of their best hit). A hit that stands for a chunk ends with its symbol and line span. ripgrep's colours
/// when asked.
/// </summary>
public sealed class GrepFormatter(GrepStyle style, string currentDirectory) : IStreamingHitFormatter
{
    private const string Reset = "\u001b[0m";
    private const string PathColor = "\u001b[35m";
    private const string LineColor = "\u001b[32m";
    private const string MatchColor = "\u001b[1;31m";
    private const string SectionColor = "\u001b[2m";

    public GrepFormatter(bool color, string currentDirectory)
        : this(new GrepStyle(color), currentDirectory)
    {
    }

    /// <summary>Under headings, a file's hits are brought together, files in the order of their best hit.</summary>
    public void Write(SearchReply reply, TextWriter writer)
    {
        var stream = Open(writer);
        foreach (var hit in style.Heading ? reply.Hits.GroupBy(h => (h.Root, h.Path)).SelectMany(file => file) : reply.Hits)
        {
            stream.Write(hit);
        }

        stream.End(reply);
    }

    /// <summary>Hits as they come: a file's hits must come together, as ripgrep finds them.</summary>
    public IHitStream Open(TextWriter writer) => new Lines(this, writer);

    /// <summary>A hit with its context, after <c>--</c> when its group does not touch the previous hit's.</summary>
    private void WriteWithContext(TextWriter writer, SearchHit hit, SearchHit? previous, string? path)
    {
        var first = hit.Before.Count > 0 ? hit.Before[0].Line : hit.Line;
        var hasContext = hit.Before.Count > 0 || hit.After.Count > 0 || previous?.After.Count > 0;
        if (previous is not null && hasContext && (previous.Path != hit.Path || previous.Root != hit.Root || first > LastLine(previous) + 1 || first <= previous.Line))
        {
            writer.WriteLine("--");
        }

        foreach (var context in hit.Before)
        {
            WriteLine(writer, path, context.Line, column: null, '-', context.Text);
        }

        WriteHit(writer, path, hit);
        foreach (var context in hit.After)
        {
            WriteLine(writer, path, context.Line, column: null, '-', context.Text);
        }
    }

    private void WriteHit(TextWriter writer, string? path, SearchHit hit)
    {
        var section = Section(hit);
        var lines = Highlight(hit).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            WriteLine(writer, path, hit.Line + i, i == 0 ? hit.Column : null, ':', lines[i], i == lines.Length - 1 ? section : "");
        }
    }

    /// <summary>
    /// <c>path:line:column:text</c>, without the path under a heading and without numbers with -N; written in pieces,
    /// as ripgrep's printer does, rather than built as a string per line.
    /// </summary>
    private void WriteLine(TextWriter writer, string? path, int line, int? column, char separator, string text, string suffix = "")
    {
        if (path is not null)
        {
            writer.Write(path);
            writer.Write(separator);
        }

        if (style.LineNumbers)
        {
            writer.Write(style.Color ? LineColor : "");
            WriteNumber(writer, line);
            writer.Write(style.Color ? Reset : "");
            writer.Write(separator);
            if (column is not null)
            {
                WriteNumber(writer, column.Value);
                writer.Write(separator);
            }
        }

        writer.Write(text);
        writer.WriteLine(suffix);
    }

    private static void WriteNumber(TextWriter writer, int number)
    {
        Span<char> digits = stackalloc char[11];
        number.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
        writer.Write(digits[..length]);
    }

    /// <summary>A chunk hit's symbol and span, after its line: the line is where to look, the span what the hit covers.</summary>
    private string Section(SearchHit hit)
    {
        if (hit.StartLine is not { } start)
        {
            return "";
        }

        var symbol = hit.Symbol is null ? "" : hit.Symbol + " ";
        return "  " + Paint($"[{symbol}{start}-{hit.EndLine}]", SectionColor);
    }

    private string Highlight(SearchHit hit)
    {
        if (!style.Color || hit.Spans.Count == 0)
        {
            return hit.Preview;
        }

        var builder = new System.Text.StringBuilder();
        var position = 0;
        foreach (var span in hit.Spans.Where(s => s.Start >= 0 && s.Start + s.Length <= hit.Preview.Length).OrderBy(s => s.Start))
        {
            if (span.Start < position)
            {
                continue;
            }

            builder.Append(hit.Preview, position, span.Start - position);
            builder.Append(MatchColor).Append(hit.Preview, span.Start, span.Length).Append(Reset);
            position = span.Start + span.Length;
        }

        return builder.Append(hit.Preview, position, hit.Preview.Length - position).ToString();
    }

    private static int LastLine(SearchHit hit) => hit.After.Count > 0 ? hit.After[^1].Line : hit.EndLine;

    private string Paint(string text, string code) => style.Color ? code + text + Reset : text;

    private bool Heading => style.Heading;

    private string ShownPath(SearchHit hit) => Paint(DisplayPath.For(hit.Root, hit.Path, currentDirectory), PathColor);

    /// <summary>
    /// One output's state: the previous hit (for <c>--</c>) and the file being printed, whose path is made once
    /// (tens of thousands of hits in a regex search): on every line, or once above its hits under a heading.
    /// </summary>
    private sealed class Lines(GrepFormatter format, TextWriter writer) : IHitStream
    {
        private SearchHit? previous;
        private (string Root, string Path, string Shown)? file;

        public void Write(SearchHit hit)
        {
            if (file is not { } known || known.Path != hit.Path || known.Root != hit.Root)
            {
                file = known = (hit.Root, hit.Path, format.ShownPath(hit));
                if (format.Heading)
                {
                    if (previous is not null)
                    {
                        writer.WriteLine();
                    }

                    writer.WriteLine(known.Shown);
                    previous = null;
                }
            }

            format.WriteWithContext(writer, hit, previous, format.Heading ? null : known.Shown);
            previous = hit;
        }

        public void End(SearchReply reply)
        {
        }
    }
}

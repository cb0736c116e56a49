using Ragex.Protocol;

namespace Ragex.Core.Output;

/// <summary>
/// grep/ripgrep style: <c>path:line:column:text</c> for hits, <c>path-line-text</c> for context lines and <c>--</c>
/// between separated groups, with ripgrep's colours when asked.
/// </summary>
public sealed class GrepFormatter(bool color, string currentDirectory) : IHitFormatter
{
    private const string Reset = "\u001b[0m";
    private const string PathColor = "\u001b[35m";
    private const string LineColor = "\u001b[32m";
    private const string MatchColor = "\u001b[1;31m";

    public void Write(SearchReply reply, TextWriter writer)
    {
        SearchHit? previous = null;
        foreach (var hit in reply.Hits)
        {
            var first = hit.Before.Count > 0 ? hit.Before[0].Line : hit.Line;
            var hasContext = hit.Before.Count > 0 || hit.After.Count > 0 || previous?.After.Count > 0;
            if (previous is not null && hasContext && (previous.Path != hit.Path || previous.Root != hit.Root || first > LastLine(previous) + 1))
            {
                writer.WriteLine("--");
            }

            var path = Paint(DisplayPath.For(hit.Root, hit.Path, currentDirectory), PathColor);
            foreach (var context in hit.Before)
            {
                writer.WriteLine($"{path}-{Paint(context.Line.ToString(), LineColor)}-{context.Text}");
            }

            WriteHit(writer, path, hit);
            foreach (var context in hit.After)
            {
                writer.WriteLine($"{path}-{Paint(context.Line.ToString(), LineColor)}-{context.Text}");
            }

            previous = hit;
        }
    }

    private void WriteHit(TextWriter writer, string path, SearchHit hit)
    {
        var lines = Highlight(hit).Split('\n');
        writer.WriteLine($"{path}:{Paint(hit.Line.ToString(), LineColor)}:{hit.Column}:{lines[0]}");
        for (var i = 1; i < lines.Length; i++)
        {
            writer.WriteLine($"{path}:{Paint((hit.Line + i).ToString(), LineColor)}:{lines[i]}");
        }
    }

    private string Highlight(SearchHit hit)
    {
        if (!color || hit.Spans.Count == 0)
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

    private string Paint(string text, string code) => color ? code + text + Reset : text;
}

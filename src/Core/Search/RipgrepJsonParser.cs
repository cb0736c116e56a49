using System.Text;
using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Turns the lines of <c>rg --json</c> into hits. Context lines are attached to the nearest match within the
/// requested context distance, before or after it. Byte offsets become UTF-16 columns.
/// </summary>
public sealed class RipgrepJsonParser(string root, int contextLines)
{
    private readonly List<SearchHit> hits = [];
    private readonly List<ContextLine> pendingBefore = [];
    private string? currentPath;

    public IReadOnlyList<SearchHit> Hits => hits;

    /// <summary>Feeds one line of output; returns true when it completed a match.</summary>
    public bool Feed(string line)
    {
        using var document = JsonDocument.Parse(line);
        var type = document.RootElement.GetProperty("type").GetString();
        var data = document.RootElement.GetProperty("data");
        switch (type)
        {
            case "begin":
                currentPath = Normalize(Text(data.GetProperty("path")));
                pendingBefore.Clear();
                return false;
            case "context":
                AddContext(data);
                return false;
            case "match":
                AddMatch(data);
                return true;
            default:
                return false;
        }
    }

    private void AddContext(JsonElement data)
    {
        var context = new ContextLine(data.GetProperty("line_number").GetInt32(), TrimNewline(Text(data.GetProperty("lines"))));
        var last = hits.Count > 0 ? hits[^1] : null;
        if (last is not null && last.Path == currentPath && context.Line > last.EndLine && context.Line <= last.EndLine + contextLines)
        {
            hits[^1] = last with { After = [.. last.After, context] };
        }
        else
        {
            pendingBefore.Add(context);
        }
    }

    private void AddMatch(JsonElement data)
    {
        var path = currentPath ?? Normalize(Text(data.GetProperty("path")));
        var lineNumber = data.GetProperty("line_number").GetInt32();
        var raw = Text(data.GetProperty("lines"));
        var preview = TrimNewline(raw);
        var spans = Spans(raw, data.GetProperty("submatches"));
        var lineCount = Math.Max(1, preview.Count(c => c == '\n') + 1);
        var before = pendingBefore.Where(c => c.Line >= lineNumber - contextLines && c.Line < lineNumber).ToList();
        pendingBefore.Clear();
        hits.Add(new SearchHit(
            root,
            path,
            lineNumber,
            spans.Count > 0 ? ColumnOf(preview, spans[0].Start) : 1,
            lineNumber + lineCount - 1,
            "match",
            null,
            preview,
            1.0,
            SearchMode.Regex)
        {
            Before = before,
            Spans = spans,
        });
    }

    private static List<MatchSpan> Spans(string raw, JsonElement submatches)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        var spans = new List<MatchSpan>();
        foreach (var submatch in submatches.EnumerateArray())
        {
            var start = Math.Min(submatch.GetProperty("start").GetInt32(), bytes.Length);
            var end = Math.Min(submatch.GetProperty("end").GetInt32(), bytes.Length);
            var charStart = Encoding.UTF8.GetCharCount(bytes, 0, start);
            spans.Add(new MatchSpan(charStart, Encoding.UTF8.GetCharCount(bytes, start, end - start)));
        }

        return spans;
    }

    /// <summary>1-based column of a character offset within its own line (multi-line matches count from the last newline).</summary>
    private static int ColumnOf(string preview, int offset)
    {
        var lineStart = offset == 0 ? -1 : preview.LastIndexOf('\n', offset - 1);
        return offset - lineStart;
    }

    private static string Text(JsonElement element) =>
        element.TryGetProperty("text", out var text)
            ? text.GetString() ?? ""
            : Encoding.UTF8.GetString(Convert.FromBase64String(element.GetProperty("bytes").GetString() ?? ""));

    private static string TrimNewline(string text) => text.TrimEnd('\n').TrimEnd('\r');

    private static string Normalize(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
}

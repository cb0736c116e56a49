using System.Text;
using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>
/// A header line (what was searched, the mode, the project root, which hits), then one line per hit:
/// <c>path:line: [kind symbol] preview</c>, paths relative to the root. <paramref name="byFile"/> writes each file's
/// path once, above its hits' <c>line: text</c> (references, which come in file order).
/// </summary>
public sealed class CompactHitFormat(bool byFile = false) : IHitFormat
{
    public string Render(HitPage page)
    {
        var text = new StringBuilder(Header(page)).Append('\n');
        foreach (var note in page.Reply.Notes)
        {
            text.Append("note: ").Append(OneLine(note)).Append('\n');
        }

        SearchHit? previous = null;
        foreach (var hit in page.Hits)
        {
            text.Append(Entry(page, hit, previous));
            previous = hit;
        }

        if (page.NextCursor is { } cursor)
        {
            text.Append("next_cursor: ").Append(cursor).Append(" (more hits: repeat this call with cursor set to it)\n");
        }
        else if (page.MoreThanWindow)
        {
            text.Append($"(the ranking stops at {page.Reply.Hits.Count} hits: narrow the search with path or globs)\n");
        }

        return text.ToString();
    }

    public string Entry(HitPage page, SearchHit hit, SearchHit? previous)
    {
        var text = new StringBuilder();
        var path = page.SingleRoot is null ? Path.Combine(hit.Root, hit.Path) : hit.Path;
        var newFile = previous is null || previous.Root != hit.Root || previous.Path != hit.Path;
        if (byFile && newFile)
        {
            text.Append(path).Append(":\n");
        }

        foreach (var line in hit.Before)
        {
            text.Append($"  {line.Line}- ").Append(OneLine(line.Text)).Append('\n');
        }

        text.Append(byFile ? $"  {Lines(hit)}: " : $"{path}:{Lines(hit)}: ").Append(Label(hit, byFile)).Append(OneLine(hit.Preview.Trim())).Append('\n');
        foreach (var line in hit.After)
        {
            text.Append($"  {line.Line}- ").Append(OneLine(line.Text)).Append('\n');
        }

        return text.ToString();
    }

    private static string Header(HitPage page)
    {
        var reply = page.Reply;
        var where = page.SingleRoot is { } root ? $"root {root}" : reply.Hits.Count == 0 ? "no hits" : "several projects, absolute paths";
        var which = page.Hits.Count == 0
            ? reply.Hits.Count == 0 ? "" : " · no hit fits"
            : $" · hits {page.Offset + 1}-{page.Offset + page.Hits.Count} of {reply.Hits.Count}{(reply.Truncated ? "+" : "")}";
        return $"# {page.Title} · mode {Name(reply.Mode)} ({reply.ModeReason}) · {where}{which}";
    }

    private static string Lines(SearchHit hit) => hit.EndLine > hit.Line ? $"{hit.Line}-{hit.EndLine}" : $"{hit.Line}";

    /// <summary>"[kind symbol] " for definitions and chunks; nothing for a plain text match or a reference.</summary>
    private static string Label(SearchHit hit, bool byFile) => hit switch
    {
        _ when byFile || hit.Mode is SearchMode.Regex => "",
        { Symbol: { } symbol } => $"[{hit.Kind} {symbol}] ",
        _ => $"[{hit.Kind}] ",
    };

    private static string Name(SearchMode mode) => mode.ToString().ToLowerInvariant();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}

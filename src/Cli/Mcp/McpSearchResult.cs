using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>
/// What search_code, find_symbol and find_references return as JSON: the mode used and why, one page of hits in rank
/// order, whether more hits exist, notes, and the cursor of the next page.
/// </summary>
public sealed record McpSearchResult(SearchMode Mode, string ModeReason, IReadOnlyList<McpHit> Hits, bool Truncated, IReadOnlyList<string> Notes)
{
    public string? NextCursor { get; init; }

    public static McpSearchResult From(HitPage page) =>
        new(page.Reply.Mode, page.Reply.ModeReason, [.. page.Hits.Select(McpHit.From)], page.NextCursor is not null || page.MoreThanWindow, page.Reply.Notes)
        {
            NextCursor = page.NextCursor,
        };
}

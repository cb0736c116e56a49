using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>What search_code and find_symbol return: the mode used and why, the hits in rank order, and notes.</summary>
public sealed record McpSearchResult(SearchMode Mode, string ModeReason, IReadOnlyList<McpHit> Hits, bool Truncated, IReadOnlyList<string> Notes)
{
    public static McpSearchResult From(SearchReply reply) =>
        new(reply.Mode, reply.ModeReason, [.. reply.Hits.Select(McpHit.From)], reply.Truncated, reply.Notes);
}

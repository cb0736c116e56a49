using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>
/// One page of a ranking as a tool answers it: the hits from <see cref="Offset"/> on, and the cursor of the next page
/// when the ranking (<see cref="SearchReply.Hits"/>, the window every page is cut from) goes on.
/// </summary>
public sealed record HitPage(string Title, SearchReply Reply, IReadOnlyList<SearchHit> Hits, int Offset, string? NextCursor)
{
    /// <summary>The last page of the window, when the search found more than the window holds.</summary>
    public bool MoreThanWindow => NextCursor is null && Reply.Truncated;

    /// <summary>The one project root every hit of the ranking is under, or null (several projects, or no hits).</summary>
    public string? SingleRoot => Reply.Hits.Select(h => h.Root).Distinct(StringComparer.Ordinal).Count() == 1 ? Reply.Hits[0].Root : null;
}

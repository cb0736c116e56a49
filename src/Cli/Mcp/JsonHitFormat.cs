using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>The tools' JSON answer (<see cref="McpSearchResult"/>): the fields ragex has always returned, plus next_cursor.</summary>
public sealed class JsonHitFormat : IHitFormat
{
    public string Render(HitPage page) => JsonSerializer.Serialize(McpSearchResult.From(page), McpJsonContext.Default.McpSearchResult);

    public string Entry(HitPage page, SearchHit hit, SearchHit? previous) => JsonSerializer.Serialize(McpHit.From(hit), McpJsonContext.Default.McpHit) + ",";
}

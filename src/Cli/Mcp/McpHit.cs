using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>One search hit as a tool returns it: an absolute file path the assistant can open, and 1-based lines.</summary>
public sealed record McpHit(string File, int StartLine, int EndLine, string Kind, string? Symbol, string Preview, double Score, SearchMode Mode)
{
    /// <summary>Context lines before and after the hit; null (and omitted) when none were asked for.</summary>
    public IReadOnlyList<ContextLine>? Before { get; init; }

    public IReadOnlyList<ContextLine>? After { get; init; }

    public static McpHit From(SearchHit hit) =>
        new(Path.Combine(hit.Root, hit.Path), hit.SectionStart, Math.Max(hit.SectionStart, hit.EndLine), hit.Kind, hit.Symbol, hit.Preview, Math.Round(hit.Score, 4), hit.Mode)
        {
            Before = hit.Before.Count == 0 ? null : hit.Before,
            After = hit.After.Count == 0 ? null : hit.After,
        };
}

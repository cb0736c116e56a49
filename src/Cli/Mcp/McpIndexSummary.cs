using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Mcp;

/// <summary>What index_project returns: the counts of `ragex index --json` without the list of parsed paths, which can be long.</summary>
public sealed record McpIndexSummary(
    string Project,
    string Root,
    int Files,
    int Parsed,
    int Touched,
    int Deleted,
    long Symbols,
    long Chunks,
    long StaticChunks,
    long EmbeddedChunks,
    bool TransformerContinues,
    IReadOnlyDictionary<string, int> Skipped,
    string? EmbeddingModel,
    double Seconds)
{
    public static McpIndexSummary From(ProjectIndexed indexed) =>
        new(
            indexed.ProjectId,
            indexed.Root,
            indexed.Files,
            indexed.Parsed,
            indexed.Touched,
            indexed.Deleted,
            indexed.Symbols,
            indexed.Chunks,
            indexed.StaticChunks,
            indexed.EmbeddedChunks,
            indexed.TransformerContinues,
            indexed.Skipped,
            indexed.EmbeddingModel,
            Math.Round(indexed.Seconds, 3));
}

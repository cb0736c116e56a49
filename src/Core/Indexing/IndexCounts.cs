namespace Ragex.Core.Indexing;

/// <summary>What a project's committed index holds: <see cref="EmbeddedChunks"/> counts the transformer tier.</summary>
public sealed record IndexCounts(long Files, long Symbols, long Chunks, long EmbeddedChunks)
{
    /// <summary>Chunks with a static vector.</summary>
    public long StaticChunks { get; init; }
}

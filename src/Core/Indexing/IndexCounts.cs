namespace Ragex.Core.Indexing;

/// <summary>What a project's committed index holds.</summary>
public sealed record IndexCounts(long Files, long Symbols, long Chunks, long EmbeddedChunks);

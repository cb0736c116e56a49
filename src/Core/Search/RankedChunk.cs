using Ragex.Core.Storage;

namespace Ragex.Core.Search;

/// <summary>A chunk with its final ranking score (higher is better).</summary>
public sealed record RankedChunk(StoredChunk Chunk, double Score);

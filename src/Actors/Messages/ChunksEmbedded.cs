namespace Ragex.Actors.Messages;

/// <summary>Vectors for the chunks of an <see cref="EmbedChunks"/> request, in the same order.</summary>
public sealed record ChunksEmbedded(int Run, IReadOnlyList<long> ChunkIds, IReadOnlyList<float[]> Vectors);

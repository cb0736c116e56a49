namespace Ragex.Actors.Messages;

/// <summary>To the index writer: commit these vectors. No reply; the next <see cref="LoadPendingChunks"/> is answered after it.</summary>
public sealed record StoreEmbeddings(int Run, IReadOnlyList<long> ChunkIds, IReadOnlyList<float[]> Vectors);

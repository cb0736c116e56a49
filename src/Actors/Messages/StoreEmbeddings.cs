namespace Ragex.Actors.Messages;

/// <summary>To the index writer: commit these vectors; answered by <see cref="EmbeddingsStored"/>.</summary>
public sealed record StoreEmbeddings(int Run, IReadOnlyList<long> ChunkIds, IReadOnlyList<float[]> Vectors);

namespace Ragex.Actors.Messages;

/// <summary>To the index writer: rebuild vectors.faiss if it is stale. Answered by <see cref="VectorsRefreshed"/>.</summary>
public sealed record RefreshVectors(int Run, Core.VectorIndex.VectorTier Tier, int Dimension);

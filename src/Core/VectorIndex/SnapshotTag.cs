namespace Ragex.Core.VectorIndex;

/// <summary>What a FAISS snapshot covers: the vector log it came from (<c>meta.vector_log</c>) and the last sequence in it.</summary>
public sealed record SnapshotTag(string LogId, long Sequence);

using System.Runtime.InteropServices;

namespace Ragex.Core.Storage;

/// <summary>Embeddings are stored as little-endian float32 arrays.</summary>
public static class EmbeddingBlob
{
    /// <summary>
    /// The value a keyword-only chunk (generated code) holds in both vector columns: not NULL, so no tier queues it,
    /// and empty, so no vector index holds it.
    /// </summary>
    public static readonly byte[] KeywordOnly = [];

    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ToVector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}

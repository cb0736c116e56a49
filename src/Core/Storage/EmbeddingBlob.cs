using System.Runtime.InteropServices;

namespace Ragex.Core.Storage;

/// <summary>Embeddings are stored as little-endian float32 arrays.</summary>
public static class EmbeddingBlob
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ToVector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}

using System.Runtime.InteropServices;

namespace Ragex.Protocol.Cluster;

/// <summary>Vectors of one dimension as one byte array (little-endian float32), for <see cref="BatchEmbedded"/>.</summary>
public static class PackedVectors
{
    public static byte[] Pack(IReadOnlyList<float[]> vectors)
    {
        var dimension = vectors.Count == 0 ? 0 : vectors[0].Length;
        var bytes = new byte[vectors.Count * dimension * sizeof(float)];
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i].Length != dimension)
            {
                throw new ArgumentException($"vector {i} has {vectors[i].Length} dimensions, not {dimension}", nameof(vectors));
            }

            MemoryMarshal.AsBytes(vectors[i].AsSpan()).CopyTo(bytes.AsSpan(i * dimension * sizeof(float)));
        }

        return bytes;
    }

    public static float[][] Unpack(byte[] bytes, int dimension)
    {
        if (dimension <= 0)
        {
            return bytes.Length == 0 ? [] : throw new ArgumentException("vectors without a dimension", nameof(dimension));
        }

        var floats = MemoryMarshal.Cast<byte, float>(bytes);
        if (floats.Length % dimension != 0)
        {
            throw new ArgumentException($"{floats.Length} floats are not whole vectors of {dimension}", nameof(bytes));
        }

        var vectors = new float[floats.Length / dimension][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = floats.Slice(i * dimension, dimension).ToArray();
        }

        return vectors;
    }
}

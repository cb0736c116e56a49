namespace Ragex.Protocol.Cluster;

/// <summary>
/// The vectors of an <see cref="EmbedBatch"/>, in the same order, packed by <see cref="PackedVectors"/> (little-endian
/// float32, <paramref name="Dimension"/> per text): a quarter of the bytes of JSON numbers, and exact.
/// </summary>
public sealed record BatchEmbedded(long BatchId, int Dimension, byte[] Vectors) : IProtocolMessage;

namespace Ragex.Protocol.Cluster;

/// <summary>The embedder node's queue is full: the router sends the batch again later, there or elsewhere.</summary>
public sealed record BatchRefused(long BatchId) : IProtocolMessage;

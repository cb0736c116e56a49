namespace Ragex.Protocol.Cluster;

/// <summary>One embedder node as the index owner's router sees it: reachable or not, batches now on it, work it has done.</summary>
public sealed record EmbedderNodeStatus(string Address, bool Reachable, int InFlight, long BatchesEmbedded, long ChunksEmbedded);

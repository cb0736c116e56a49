namespace Ragex.Protocol.Cluster;

/// <summary>The embedder node's model could not embed the batch; the reason is meant for the project's status.</summary>
public sealed record BatchFailed(long BatchId, string Reason) : IProtocolMessage;

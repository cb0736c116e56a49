namespace Ragex.Protocol.Cluster;

/// <summary>
/// From the index owner's embedder router to an embedder node: embed these chunk texts as documents. The node answers
/// <see cref="BatchEmbedded"/>, <see cref="BatchFailed"/> or <see cref="BatchRefused"/>, echoing <paramref name="BatchId"/>,
/// so the router can match a reply to the batch and drop a late second one.
/// </summary>
public sealed record EmbedBatch(long BatchId, IReadOnlyList<string> Texts) : IProtocolMessage;

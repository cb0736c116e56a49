namespace Ragex.Protocol.Cluster;

/// <summary>
/// Published on the cluster's "index-updated" topic (DistributedPubSub) when the owner of a project has committed an
/// indexing run: every node learns which node serves the project and how far it is embedded.
/// </summary>
public sealed record IndexUpdated(string ProjectId, string Root, long Chunks, long EmbeddedChunks, string OwnerAddress) : IProtocolMessage;

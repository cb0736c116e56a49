namespace Ragex.Actors.Messages;

/// <summary>
/// Published on the local event stream when a project's run has committed; in cluster mode the node's root relays it
/// to every node as a <see cref="Protocol.Cluster.IndexUpdated"/>. Single-node daemons have no listener for it.
/// </summary>
public sealed record ProjectIndexCommitted(string ProjectId, string Root, long Chunks, long EmbeddedChunks);

namespace Ragex.Protocol.Cluster;

/// <summary>
/// The cluster node a client asked (not necessarily the owner that answered): its address, roles, and the latest
/// <see cref="IndexUpdated"/> event it has received per project.
/// </summary>
public sealed record ClusterNodeStatus(string Address, IReadOnlyList<string> Roles, IReadOnlyList<IndexUpdated> IndexUpdates);

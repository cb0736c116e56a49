using Akka.Actor;

namespace Ragex.Actors.Cluster;

/// <summary>
/// The cluster's project owner: one <see cref="RagexRoot"/> whose pool is the <see cref="ClusterEmbedderRouter"/>, run
/// as a cluster singleton on the oldest <see cref="ClusterRoles.Indexer"/> node, so each project has one index writer.
/// The host runs it (the singleton manager at <c>/user/owner</c> on indexer nodes) and gives every node's
/// <see cref="ClusterRoot"/> a proxy to it.
/// </summary>
public static class ProjectOwner
{
    public const string ManagerName = "owner";
    public const string SingletonName = "projects";
    public const string Role = ClusterRoles.Indexer;

    public static Props Props(RagexServices services, ClusterEmbeddingOptions embedding) =>
        RagexRoot.Props(
            services with { EmbedderPool = services.EmbedderPool with { InFlightPerProject = embedding.InFlightPerProject } },
            ClusterEmbedderRouter.Props(embedding));
}

namespace Ragex.Actors.Cluster;

/// <summary>The roles a cluster node can take (<c>ragex daemon --cluster --role</c>); a node without --role takes both.</summary>
public static class ClusterRoles
{
    /// <summary>Owns projects: the single index writer per project, and the node searches are answered on.</summary>
    public const string Indexer = "indexer";

    /// <summary>Runs model sessions for the owner's embedding batches.</summary>
    public const string Embedder = "embedder";

    public static readonly IReadOnlyList<string> All = [Indexer, Embedder];
}

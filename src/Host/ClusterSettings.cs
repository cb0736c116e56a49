using Akka.Configuration;
using Ragex.Actors.Cluster;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Host;

/// <summary>
/// Cluster mode's settings: <c>ragex.cluster</c> in ragex.hocon, overridden by the command line (<see cref="DaemonArguments"/>).
/// </summary>
public sealed record ClusterSettings(
    string Hostname,
    int Port,
    IReadOnlyList<string> SeedNodes,
    IReadOnlyList<string> Roles,
    TimeSpan FailureDetectorPause,
    TimeSpan DownUnreachableAfter,
    long MaximumFrameSize,
    ClusterEmbeddingOptions Embedding,
    TlsSettings Tls)
{
    /// <summary>The actor system's name: every node must use the same one to form a cluster.</summary>
    public const string SystemName = "ragex";

    public static ClusterSettings From(Config config, DaemonArguments arguments)
    {
        var cluster = config.GetConfig("ragex.cluster");
        var embedding = cluster.GetConfig("embedding");
        var hostname = arguments.Host ?? cluster.GetString("hostname");
        var port = arguments.Port ?? cluster.GetInt("port");
        var seeds = arguments.Seeds.Count > 0 ? arguments.Seeds : cluster.GetStringList("seed-nodes").ToList();
        var roles = arguments.Roles.Count > 0 ? arguments.Roles : cluster.GetStringList("roles").ToList();
        var tls = TlsSettings.From(cluster.GetConfig("tls"));
        var scheme = tls.Enabled ? DaemonEndpoint.TlsProtocol : DaemonEndpoint.PlainProtocol;
        return new ClusterSettings(
            hostname,
            port,
            [.. seeds.Select(seed => $"{scheme}://{SystemName}@{seed}")],
            [.. roles.Distinct(StringComparer.Ordinal)],
            cluster.GetTimeSpan("failure-detector-pause"),
            cluster.GetTimeSpan("down-unreachable-after"),
            cluster.GetByteSize("maximum-frame-size") ?? 8 << 20,
            new ClusterEmbeddingOptions
            {
                InFlightPerNode = embedding.GetInt("in-flight-per-node"),
                QueueCapacity = embedding.GetInt("queue-capacity"),
                BatchTimeout = embedding.GetTimeSpan("batch-timeout"),
                InFlightPerProject = embedding.GetInt("in-flight-per-project"),
            },
            tls);
    }
}

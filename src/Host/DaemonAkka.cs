using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Event;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;
using Ragex.Actors;
using Ragex.Actors.Cluster;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Host;

/// <summary>The daemon's ActorSystem: the single-machine one (loopback, any port) or a cluster node.</summary>
public static class DaemonAkka
{
    public static AkkaConfigurationBuilder SingleNode(AkkaConfigurationBuilder akka, RagexServices services) => Common(akka)
        .WithRemoting(Remoting("127.0.0.1", 0, DaemonEndpoint.MaximumFrameBytes))
        .WithActors((system, registry) => registry.Register<RagexRoot>(system.ActorOf(RagexRoot.Props(services), RagexRoot.Name)));

    /// <summary>
    /// Akka.Cluster with the node's roles and seeds, failure detection and keep-majority downing sized for a loaded
    /// machine, DistributedPubSub, the <see cref="ProjectOwner"/> singleton (registered as <see cref="RagexRoot"/>: on
    /// every node, the proxy to it), frames large enough for a batch of texts or vectors, and (when configured) mutual
    /// TLS that accepts only trusted certificates.
    /// </summary>
    public static AkkaConfigurationBuilder ClusterNode(AkkaConfigurationBuilder akka, RagexServices services, ClusterSettings cluster)
    {
        var heartbeats = new PhiAccrualFailureDetectorOptions { AcceptableHeartbeatPause = cluster.FailureDetectorPause };
        Common(akka)
            // Akka.Cluster.Hosting's split-brain-resolver option has no stable-after.
            .AddHocon($"akka.cluster.split-brain-resolver.stable-after = {cluster.DownUnreachableAfter.TotalMilliseconds:0}ms", HoconAddMode.Prepend)
            .WithRemoting(Remoting(cluster.Hostname, cluster.Port, cluster.MaximumFrameSize, heartbeats))
            .WithClustering(new ClusterOptions
            {
                Roles = [.. cluster.Roles],
                SeedNodes = [.. cluster.SeedNodes],
                FailureDetector = heartbeats,
                SplitBrainResolver = new KeepMajorityOption(),
            })
            .WithDistributedPubSub("");
        var owner = new ClusterSingletonOptions { Role = ProjectOwner.Role };
        // A ClusterSingletonManager refuses to start on a node without its role, so other nodes get the proxy alone.
        if (cluster.Roles.Contains(ProjectOwner.Role))
        {
            akka.WithSingleton<RagexRoot>(ProjectOwner.ManagerName, ProjectOwner.SingletonName, ProjectOwner.Props(services, cluster.Embedding), owner);
        }
        else
        {
            akka.WithSingletonProxy<RagexRoot>(ProjectOwner.ManagerName, ProjectOwner.SingletonName, owner);
        }

        akka.WithActors((system, registry) =>
            registry.Register<ClusterRoot>(system.ActorOf(ClusterRoot.Props(services, registry.Get<RagexRoot>()), ClusterRoot.Name)));
        if (cluster.Tls.Enabled)
        {
            var certificate = cluster.Tls.LoadCertificate();
            akka.AddHocon(RemotingHocon.EnableTls, HoconAddMode.Prepend)
                .AddSetup(new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
                    CertificateValidation.PinnedCertificate([.. cluster.Tls.ThumbprintsFor(certificate)])));
        }

        return akka;
    }

    /// <summary>
    /// Remoting on this address, with socket buffers for two of the largest frames each way and, on a cluster node, the
    /// remote death watch as patient as the cluster's failure detector.
    /// </summary>
    private static RemoteOptions Remoting(
        string hostname, int port, long maximumFrameSize, PhiAccrualFailureDetectorOptions? watchFailureDetector = null) => new()
    {
        HostName = hostname,
        Port = port,
        MaxFrameSize = maximumFrameSize,
        SendBufferSize = 2 * maximumFrameSize,
        ReceiveBufferSize = 2 * maximumFrameSize,
        WatchFailureDetector = watchFailureDetector,
    };

    /// <summary>
    /// Akka's scheduler wakes a thread-pool thread every tick whether or not anything is due; at the default 10 ms that
    /// kept an idle daemon at 2-4 % of a core. Every timer here (debounce, deadlines, snapshots) is ≥ 100 ms.
    /// Replies to a client that has already exited become dead letters: normal for a CLI, not worth a log line.
    /// </summary>
    private const string DaemonHocon = """
        akka.scheduler.tick-duration = 100ms
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """;

    private static AkkaConfigurationBuilder Common(AkkaConfigurationBuilder akka) => akka
        .AddHocon(ProtocolSerializer.Hocon, HoconAddMode.Prepend)
        .AddHocon(DaemonHocon, HoconAddMode.Prepend)
        .AddHocon(BlockingDispatcher.Hocon, HoconAddMode.Append)
        .ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddLogger<SerilogLogger>();
        });
}

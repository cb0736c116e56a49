using Akka.Cluster.SBR;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Ragex.Actors;
using Ragex.Actors.Cluster;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Remoting;

namespace Ragex.Host.Tests;

/// <summary>
/// ragex.cluster's timings reach Akka through Akka.Cluster.Hosting's options (and the one key they lack): the cluster
/// tests run too briefly to notice a pause or a downing delay that fell back to Akka's defaults.
/// </summary>
public sealed class DaemonAkkaTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;

    [Fact]
    public void A_cluster_node_downs_by_keep_majority_after_down_unreachable_after_and_waits_failure_detector_pause()
    {
        var cluster = new ClusterSettings("127.0.0.1", 0, [], ClusterRoles.All, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(13),
            8 << 20, new ClusterEmbeddingOptions(), new TlsSettings(false, "", "", []));
        var akka = new AkkaConfigurationBuilder(new ServiceCollection(), ClusterSettings.SystemName);

        DaemonAkka.ClusterNode(akka, Services(), cluster);

        var config = akka.Configuration.Value;
        Assert.Equal(typeof(SplitBrainResolverProvider), Type.GetType(config.GetString("akka.cluster.downing-provider-class")));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(TimeSpan.FromSeconds(13), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.remote.watch-failure-detector.acceptable-heartbeat-pause"));
    }

    public void Dispose() => Directory.Delete(home, recursive: true);

    private RagexServices Services() =>
        RagexServices.Create(new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "models")));
}

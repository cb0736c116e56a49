using Ragex.Actors.Embedding;
using Ragex.Core.Configuration;
using Ragex.Settings;

namespace Ragex.Host.Tests;

/// <summary>The sections only the daemon reads (the embedder pool, the cluster), from the ragex.hocon shipped beside ragexd.</summary>
public sealed class DaemonHoconTests : IDisposable
{
    private readonly RagexHome home = new(Directory.CreateTempSubdirectory("ragex-home-").FullName);

    [Fact]
    public void The_shipped_embedder_pool_defaults_are_the_pools()
    {
        var config = RagexSettings.Load(home, new Dictionary<string, string>());

        Assert.Equal(new EmbedderPoolOptions(), EmbedderPoolSettings.From(config));
    }

    [Fact]
    public void The_shipped_cluster_defaults_are_the_router_defaults_and_flags_override_them()
    {
        var config = RagexSettings.Load(home, new Dictionary<string, string> { ["RAGEX_CLUSTER_PORT"] = "4100" });

        var defaults = ClusterSettings.From(config, new DaemonArguments { Cluster = true });
        Assert.Equal(new Ragex.Actors.Cluster.ClusterEmbeddingOptions(), defaults.Embedding);
        Assert.Equal(("127.0.0.1", 4100, false), (defaults.Hostname, defaults.Port, defaults.Tls.Enabled));
        Assert.Equal(Ragex.Actors.Cluster.ClusterRoles.All, defaults.Roles);
        Assert.Empty(defaults.SeedNodes);

        var flagged = ClusterSettings.From(config, new DaemonArguments { Cluster = true, Port = 4053, Seeds = ["10.0.0.1:4053"], Roles = ["embedder"] });
        Assert.Equal((4053, "akka.tcp://ragex@10.0.0.1:4053", "embedder"), (flagged.Port, flagged.SeedNodes.Single(), flagged.Roles.Single()));
    }

    public void Dispose() => Directory.Delete(home.Directory, recursive: true);
}

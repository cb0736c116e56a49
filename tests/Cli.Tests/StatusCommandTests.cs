using Ragex.Cli.Commands;
using Ragex.Protocol.Cluster;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Tests;

/// <summary>`ragex status` as text: a cluster node says which node it is and how the owner's embedder nodes fare.</summary>
public sealed class StatusCommandTests
{
    private static readonly DaemonStatus SingleMachine = new("1.0.0.0", 42, 61, 300L << 20, []) { EmbedderSessions = 1 };

    [Fact]
    public void A_single_machine_daemon_shows_no_cluster_lines()
    {
        var text = StatusCommand.Describe(SingleMachine);

        Assert.Equal(["ragex daemon 1.0.0.0: pid 42, up 00:01:01, 300 MiB", "embedder pool: 1 session(s), 0 busy, 0 queued"], text.Split(Environment.NewLine));
    }

    [Fact]
    public void A_cluster_node_lists_itself_every_embedder_node_and_the_retries()
    {
        var status = SingleMachine with
        {
            Node = new ClusterNodeStatus("akka.ssl.tcp://ragex@10.0.0.2:4053", ["embedder"], []),
            EmbedderNodes =
            [
                new EmbedderNodeStatus("akka.ssl.tcp://ragex@10.0.0.2:4053", true, 2, 7, 448),
                new EmbedderNodeStatus("akka.ssl.tcp://ragex@10.0.0.3:4053", false, 0, 3, 192),
            ],
            EmbeddingRetries = 2,
        };

        var lines = StatusCommand.Describe(status).Split(Environment.NewLine);

        Assert.Equal(
            [
                "cluster node akka.ssl.tcp://ragex@10.0.0.2:4053 (embedder); the rest is the index owner's",
                "embedder node akka.ssl.tcp://ragex@10.0.0.2:4053: reachable, 2 batch(es) in flight, 448 chunks in 7 batches embedded",
                "embedder node akka.ssl.tcp://ragex@10.0.0.3:4053: unreachable, 0 batch(es) in flight, 192 chunks in 3 batches embedded",
                "embedding batches sent again: 2, duplicate answers dropped: 0",
            ],
            lines[2..]);
    }
}

using Akka.Actor;
using Ragex.Actors.Cluster;
using Ragex.Actors.Messages;

namespace Ragex.Actors.Tests.Cluster;

/// <summary>
/// The owner's router in a real one-node cluster (this test's ActorSystem, role embedder) over a fault-injecting
/// embedder service: lost, refused and doubled answers still give each request exactly one answer.
/// </summary>
public sealed class ClusterEmbedderRouterTests() : Akka.TestKit.Xunit2.TestKit("""
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
    akka.cluster.roles = [embedder]
    akka.loglevel = WARNING
    """)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Lost_refused_and_doubled_answers_give_each_request_exactly_one_answer()
    {
        Sys.ActorOf(Props.Create(() => new FaultInjectingNodeRoot()), ClusterRoot.Name);
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        var router = Sys.ActorOf(ClusterEmbedderRouter.Props(new ClusterEmbeddingOptions
        {
            BatchTimeout = TimeSpan.FromSeconds(2), RefusedRetryDelay = TimeSpan.FromMilliseconds(100),
        }));
        await AwaitAssertAsync(async () => Assert.Equal(1, (await router.Ask<EmbedderPoolStatus>(EmbedderPoolStatusQuery.Instance, Wait)).Workers), Wait);

        router.Tell(new EmbedChunks(1, [10], ["lose"]));
        router.Tell(new EmbedChunks(2, [20], ["twice"]));
        router.Tell(new EmbedChunks(3, [30], ["refuse"]));
        router.Tell(new EmbedChunks(4, [40], ["fine"]));

        var answers = ReceiveN(4, Wait).Cast<ChunksEmbedded>().OrderBy(a => a.Run).ToList();
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        Assert.Equal([1, 2, 3, 4], answers.Select(a => a.Run));
        Assert.Equal([10L, 20, 30, 40], answers.Select(a => a.ChunkIds.Single()));
        Assert.Equal([[4f, 2f], [5f, 1f], [6f, 2f], [4f, 1f]], answers.Select(a => a.Vectors.Single()));
        var status = await router.Ask<EmbedderPoolStatus>(EmbedderPoolStatusQuery.Instance, Wait);
        Assert.Equal((2L, 1L), (status.Retries, status.DuplicatesDropped));
        Assert.Equal(4, Assert.Single(status.Nodes!).BatchesEmbedded);
    }

    [Fact]
    public void Without_embedder_nodes_requests_wait_and_beyond_the_queue_are_handed_back()
    {
        var router = Sys.ActorOf(ClusterEmbedderRouter.Props(new ClusterEmbeddingOptions { QueueCapacity = 1 }));

        router.Tell(new EmbedChunks(1, [10], ["waits"]));
        router.Tell(new EmbedChunks(2, [20], ["handed back"]));

        Assert.Equal(2, ExpectMsg<EmbedderBusy>(Wait).Request.Run);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }
}

using Akka.Actor;
using Ragex.Actors.Embedding;
using Ragex.Actors.Messages;

namespace Ragex.Actors.Tests.Embedding;

public sealed class EmbedderPoolTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_full_queue_hands_requests_back_and_every_queued_one_is_answered()
    {
        var hold = new SemaphoreSlim(0);
        var embedder = new FaultInjectingEmbedder { Hold = hold };
        var pool = Pool(embedder, new EmbedderPoolOptions { Sessions = 1, QueueCapacity = 2, MaxTextsPerCall = 1 });

        pool.Tell(Request(1, "first"));
        Assert.True(embedder.Entered.Wait(Wait), "the first request never reached the model");
        pool.Tell(Request(2, "second"));
        pool.Tell(Request(3, "third"));
        pool.Tell(Request(4, "fourth"));

        Assert.Equal(4, ExpectMsg<EmbedderBusy>(Wait).Request.Run);
        hold.Release(3);
        Assert.Equal([1, 2, 3], ReceiveN(3, Wait).Cast<ChunksEmbedded>().Select(e => e.Run));
    }

    [Fact]
    public void Small_requests_waiting_together_are_embedded_in_one_model_call()
    {
        var hold = new SemaphoreSlim(0);
        var embedder = new FaultInjectingEmbedder { Hold = hold };
        var pool = Pool(embedder, new EmbedderPoolOptions { Sessions = 1, MaxTextsPerCall = 4 });

        pool.Tell(Request(1, "blocker"));
        Assert.True(embedder.Entered.Wait(Wait));
        pool.Tell(Request(2, "a", "b"));
        pool.Tell(Request(3, "c", "d"));
        hold.Release(2);

        var answers = ReceiveN(3, Wait).Cast<ChunksEmbedded>().ToList();
        Assert.Equal([1, 2, 3], answers.Select(a => a.Run));
        Assert.All(answers, a => Assert.Equal(a.ChunkIds.Count, a.Vectors.Count));
        Assert.Equal([1, 4], embedder.CallSizes);
    }

    [Fact]
    public void A_text_that_breaks_the_model_fails_only_its_own_request_and_the_pool_keeps_serving()
    {
        var hold = new SemaphoreSlim(0);
        var embedder = new FaultInjectingEmbedder { Hold = hold };
        var pool = Pool(embedder, new EmbedderPoolOptions { Sessions = 1 });

        pool.Tell(Request(1, "blocker"));
        Assert.True(embedder.Entered.Wait(Wait));
        pool.Tell(Request(2, "fine", FaultInjectingEmbedder.Poison));
        pool.Tell(Request(3, "also fine"));
        hold.Release(10);

        var answers = ReceiveN(3, Wait).ToList();
        Assert.Equal(1, Assert.IsType<ChunksEmbedded>(answers[0]).Run);
        var failed = Assert.Single(answers.OfType<EmbeddingFailed>());
        Assert.Equal(2, failed.Run);
        Assert.Contains("fault injected", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(3, Assert.Single(answers.OfType<ChunksEmbedded>(), a => a.Run != 1).Run);

        pool.Tell(Request(4, "after the failure"));
        Assert.Equal(4, ExpectMsg<ChunksEmbedded>(Wait).Run);
    }

    private IActorRef Pool(FaultInjectingEmbedder embedder, EmbedderPoolOptions options) =>
        Sys.ActorOf(EmbedderPool.Props(() => embedder, () => embedder, options));

    private static EmbedChunks Request(int run, params string[] texts) =>
        new(run, [.. texts.Select((_, i) => (long)(run * 100 + i))], texts);
}

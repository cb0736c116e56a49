using Akka.Actor;
using Akka.Configuration;
using Ragex.Protocol;
using Ragex.Protocol.Cluster;
using Ragex.Protocol.Daemon;

namespace Ragex.Remoting.Tests;

/// <summary>Every message that crosses the wire goes through ProtocolSerializer and comes back equal.</summary>
public sealed class ProtocolSerializerTests : IDisposable
{
    private readonly ActorSystem system = ActorSystem.Create("serialization", ConfigurationFactory.ParseString(ProtocolSerializer.Hocon));

    public static TheoryData<IProtocolMessage> Messages => new()
    {
        new SearchQuery(new SearchRequest("def f", SearchMode.Regex) { Globs = ["*.py"], Limit = 3 }, "/src"),
        new SearchQuery(new SearchRequest("RetryPolicy", SearchMode.References) { Limit = 1000, StableOrder = true }, "/src"),
        new SearchReply("q", SearchMode.Auto, SearchMode.Hybrid, "natural language",
            [new SearchHit("/r", "a.py", 1, 1, 9, "function", "f", "def f():", 0.5, SearchMode.Hybrid) { Spans = [new MatchSpan(4, 1)] }], 3.5)
        {
            Notes = ["transformer tier 50% of /r (1 of 2 chunks); results improve as it completes"],
            Coverage = [new TierProgress("/r", 2, 2, 1)],
        },
        new IndexProject("/src", Embeddings: false),
        new IndexProject("/src", Embeddings: true, WaitForAllTiers: true),
        new ProjectIndexed("abc", "/src", 10, 2, 1, 100, 50, 40, 5, 1.25)
        {
            Touched = 1, Skipped = new Dictionary<string, int> { ["binary"] = 2 }, FirstParsedPaths = ["a.py"], EmbeddingSeconds = 0.5, EmbeddingModel = "m",
            StaticChunks = 50, TransformerContinues = true, Stages = new IndexStages(0.1, 2.5, 1.25, 0.5, 50, 3, 4),
        },
        new RequestFailed("invalid regex `(`: unclosed group"),
        new RequestFailed("/x: not inside an indexed project") { NotIndexedPath = "/x" },
        new ListProjects(),
        new ReadCode("src/a.py", 12, null, "/src"),
        new ReadCode(null, null, "RetryPolicy.backoff", "/src"),
        new CodeSpan("/src", "a.py", 9, 10, "class", "RetryPolicy", ["class RetryPolicy:", "    pass"]) { Notes = ["also defined at b.py:3 (class)"] },
        new ProjectList([new ProjectListing("abc", "/src", 10, 100, 50, 40, "2026-11-25T10:00:00Z")]),
        new RemoveProject("abc"),
        new ProjectRemoved("abc", "/src"),
        new StatusQuery(),
        new DaemonStatus("1.0", 42, 12.5, 1 << 20, [new ProjectStatus("abc", "/src", ProjectState.Indexing, 10, 50, 40, 0, null) { Phase = IndexPhase.Parsing, QueueDepth = 2, StaticChunks = 50 }]) { EmbedderSessions = 1, EmbedderBusy = 1, EmbedderQueued = 3 },
        new DaemonStatus("1.0", 42, 12.5, 1 << 20, [])
        {
            EmbedderNodes = [new EmbedderNodeStatus("akka.tcp://ragex@10.0.0.2:4053", true, 2, 7, 448)],
            EmbeddingRetries = 3,
            DuplicateEmbeddingsDropped = 1,
            Node = new ClusterNodeStatus("akka.tcp://ragex@10.0.0.3:4053", ["embedder"], [new IndexUpdated("abc", "/src", 50, 50, "akka.tcp://ragex@10.0.0.1:4053")]),
        },
        new EmbedBatch(7, ["def f(): pass", "class C: ..."]),
        new BatchEmbedded(7, 2, PackedVectors.Pack([[0.5f, -1e-7f], [float.Epsilon, 3.25f]])),
        new BatchFailed(7, "internal error: OnnxRuntimeException: bad input"),
        new BatchRefused(7),
        new IndexUpdated("abc", "/src", 50, 40, "akka.tcp://ragex@127.0.0.1:4053"),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Round_trips_through_the_configured_serializer(IProtocolMessage message)
    {
        var serializer = system.Serialization.FindSerializerFor(message);
        Assert.IsType<ProtocolSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var back = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.Equal(message.GetType(), back.GetType());
        var json = System.Text.Json.JsonSerializer.Serialize(message, message.GetType(), ProtocolJsonContext.Default);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back, back.GetType(), ProtocolJsonContext.Default));
    }

    [Fact]
    public void Packed_vectors_come_back_bit_for_bit()
    {
        float[][] vectors = [[0.1f, -0.2f, float.MaxValue], [1e-38f, 0f, -0f]];

        var back = PackedVectors.Unpack(PackedVectors.Pack(vectors), 3);

        Assert.Equal(vectors.Select(v => v.Select(BitConverter.SingleToInt32Bits)), back.Select(v => v.Select(BitConverter.SingleToInt32Bits)));
    }

    [Fact]
    public void Packed_vectors_of_mixed_dimensions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PackedVectors.Pack([[1f, 2f], [1f]]));
        Assert.Throws<ArgumentException>(() => PackedVectors.Unpack(new byte[12], 2));
    }

    public void Dispose() => system.Dispose();
}

using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Embedding;
using Ragex.Core.Tests.Support;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

/// <summary>The static tier alone (no model run at index or query time) answers a question that shares no word with the code.</summary>
public sealed class StaticTierSearchTests : IDisposable
{
    private readonly TemporaryDirectory home = new();
    private readonly TemporaryDirectory tree = new();

    [Fact]
    public async Task A_paraphrase_finds_its_function_with_static_vectors_only()
    {
        WriteFourFunctions();
        using var embedders = new EmbedderProvider(TestModels.ModelsDirectory, tiers: EmbeddingTiers.Static);
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        var summary = await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner(), embedders).IndexAsync(tree.Path, null, CancellationToken.None);
        Assert.Equal(summary.Chunks, summary.StaticChunks);
        Assert.Equal(0, summary.EmbeddedChunks);
        Assert.Equal(summary.StaticChunks, summary.Stages.StaticVectorChunks);
        Assert.All(
            [summary.Stages.Walk, summary.Stages.Ctags, summary.Stages.Chunking, summary.Stages.StaticVectors, summary.Stages.Store, summary.Stages.Completion],
            seconds => Assert.InRange(seconds, 1e-9, summary.Elapsed.TotalSeconds));

        using var vectors = new VectorIndexCache();
        var engine = SearchEngine.Create(registry, embedders, vectors);
        var reply = await engine.SearchAsync(new SearchRequest("what does the bill cost in all", SearchMode.Semantic), tree.Path, CancellationToken.None);

        Assert.Equal("invoices.py", reply.Hits[0].Path);
    }

    [Fact]
    public async Task Above_transformer_max_chunks_semantic_search_answers_as_the_static_tier_alone()
    {
        WriteFourFunctions();
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        using (var both = new EmbedderProvider(TestModels.ModelsDirectory))
        {
            var summary = await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner(), both, waitForAllTiers: true).IndexAsync(tree.Path, null, CancellationToken.None);
            Assert.Equal(summary.Chunks, summary.EmbeddedChunks); // transformer vectors exist, as left by a smaller tree
        }

        using var capped = new EmbedderProvider(TestModels.ModelsDirectory, options: new EmbedderOptions { TransformerMaxChunks = 2 });
        using var staticOnly = new EmbedderProvider(TestModels.ModelsDirectory, tiers: EmbeddingTiers.Static);
        var request = new SearchRequest("what does the bill cost in all", SearchMode.Semantic);
        using var vectors = new VectorIndexCache();
        var answered = await SearchEngine.Create(registry, capped, vectors).SearchAsync(request, tree.Path, CancellationToken.None);
        var expected = await SearchEngine.Create(registry, staticOnly, vectors).SearchAsync(request, tree.Path, CancellationToken.None);

        Assert.Equal(expected.Hits.Select(h => (h.Path, h.Score)), answered.Hits.Select(h => (h.Path, h.Score)));
        Assert.Contains(answered.Notes, n => n.Contains("semantic results come from the static tier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_index_loaded_in_bulk_snapshots_every_static_vector_and_answers_from_it()
    {
        WriteFourFunctions();
        foreach (var i in Enumerable.Range(0, 1000))
        {
            tree.Write($"handlers/handler_{i:0000}.py", $"def handler_{i}(request):\n    return dispatch_table[{i}]\n");
        }

        using var embedders = new EmbedderProvider(TestModels.ModelsDirectory, tiers: EmbeddingTiers.Static);
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        var summary = await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner(), embedders).IndexAsync(tree.Path, null, CancellationToken.None);

        var project = registry.Find(tree.Path)!;
        Assert.NotNull(ProjectVectors.ReadTag(project, VectorTier.Static));
        using (var snapshot = FaissIndex.Load(ProjectVectors.IndexPath(project, VectorTier.Static)))
        {
            Assert.Equal(summary.StaticChunks, snapshot.Count);
        }

        using var vectors = new VectorIndexCache();
        var reply = await SearchEngine.Create(registry, embedders, vectors).SearchAsync(
            new SearchRequest("what does the bill cost in all", SearchMode.Semantic), tree.Path, CancellationToken.None);
        Assert.Equal("invoices.py", reply.Hits[0].Path);
    }

    private void WriteFourFunctions()
    {
        tree.Write("colors.py", "def hex_to_rgb(value):\n    \"\"\"Convert a hex colour string like #ff8800 into red, green and blue components.\"\"\"\n    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))\n");
        tree.Write("invoices.py", "def invoice_total(items):\n    \"\"\"Add up the prices of every item on an invoice.\"\"\"\n    return sum(item.price * item.quantity for item in items)\n");
        tree.Write("retry.py", "def retry(call, attempts):\n    \"\"\"Call again after a growing delay when it raises.\"\"\"\n    for attempt in range(attempts):\n        time.sleep(2 ** attempt)\n");
        tree.Write("mail.py", "def send_mail(host, message):\n    \"\"\"Deliver a message through an SMTP server.\"\"\"\n    smtplib.SMTP(host).send_message(message)\n");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        home.Dispose();
        tree.Dispose();
    }
}

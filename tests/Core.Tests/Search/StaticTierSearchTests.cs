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
        tree.Write("colors.py", "def hex_to_rgb(value):\n    \"\"\"Convert a hex colour string like #ff8800 into red, green and blue components.\"\"\"\n    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))\n");
        tree.Write("invoices.py", "def invoice_total(items):\n    \"\"\"Add up the prices of every item on an invoice.\"\"\"\n    return sum(item.price * item.quantity for item in items)\n");
        tree.Write("retry.py", "def retry(call, attempts):\n    \"\"\"Call again after a growing delay when it raises.\"\"\"\n    for attempt in range(attempts):\n        time.sleep(2 ** attempt)\n");
        tree.Write("mail.py", "def send_mail(host, message):\n    \"\"\"Deliver a message through an SMTP server.\"\"\"\n    smtplib.SMTP(host).send_message(message)\n");
        using var embedders = new EmbedderProvider(TestModels.ModelsDirectory, tiers: EmbeddingTiers.Static);
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        var summary = await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner(), embedders).IndexAsync(tree.Path, null, CancellationToken.None);
        Assert.Equal(summary.Chunks, summary.StaticChunks);
        Assert.Equal(0, summary.EmbeddedChunks);

        using var vectors = new VectorIndexCache();
        var engine = SearchEngine.Create(registry, embedders, vectors);
        var reply = await engine.SearchAsync(new SearchRequest("what does the bill cost in all", SearchMode.Semantic), tree.Path, CancellationToken.None);

        Assert.Equal("invoices.py", reply.Hits[0].Path);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        home.Dispose();
        tree.Dispose();
    }
}

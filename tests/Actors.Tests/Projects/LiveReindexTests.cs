using System.Diagnostics;
using Akka.Actor;
using Ragex.Actors.Projects;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Xunit.Abstractions;

namespace Ragex.Actors.Tests.Projects;

/// <summary>
/// The watcher, the project actor and the whole engine with the real model and FAISS: a function written to a file is
/// found by symbol and semantic search shortly after the write, and a deleted file disappears.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LiveReindexTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly string Models = EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment());
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SemanticCatchUp = TimeSpan.FromSeconds(10);

    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public async Task A_new_function_is_searchable_soon_after_the_write_and_gone_after_the_delete()
    {
        File.WriteAllText(Path.Combine(tree, "base.py"), "def existing_helper(x):\n    '''Return x unchanged.'''\n    return x\n");
        using var embedders = new EmbedderProvider(Models);
        var services = RagexServices.Create(new ProjectRegistry(new RagexHome(home)), embedders);
        var supervisor = TestSupervisor.Create(Sys, services);
        supervisor.Tell(new IndexProject(tree, Embeddings: true, WaitForAllTiers: true));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(60));
        supervisor.Tell(new StatusQuery());
        var indexed = Assert.Single(ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10)).Projects);
        Assert.Equal((100.0, ProjectState.Watching), (indexed.IndexPercent, indexed.State));
        Assert.True(indexed.ChunksPerSecond > 0, "no embedding rate reported");
        var freshness = Assert.Single((await Search(services, "existing_helper", SearchMode.Symbol)).Freshness);
        Assert.Equal((tree, IndexState.Fresh, 0), (freshness.Root, freshness.State, freshness.ChangedFiles));

        using var commits = new IndexCommits(Sys);
        var latencies = new List<double>();
        var semanticLatencies = new List<double>();
        foreach (var (name, purpose) in new[]
        {
            ("compute_invoice_total", "add up the prices of all items on an invoice"),
            ("parse_rgb_color", "convert a hex colour string like #ff8800 into red green blue values"),
            ("retry_with_backoff", "call a function again after increasing delays when it fails"),
        })
        {
            var file = Path.Combine(tree, name + ".py");
            var watch = Stopwatch.StartNew();
            await File.WriteAllTextAsync(file, $"def {name}(value):\n    '''{purpose}'''\n    return value\n");
            await commits.UntilAsync(() => SymbolHits(services, name), hits => hits.Count > 0, CatchUp, $"{name} not found by symbol search");
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            await commits.UntilAsync(
                () => Search(services, purpose, SearchMode.Semantic), reply => reply.Hits.Count > 0 && reply.Hits[0].Symbol == name,
                SemanticCatchUp - watch.Elapsed, $"semantic search did not rank {name} first within {SemanticCatchUp.TotalSeconds:0} s of the write");
            semanticLatencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"write → symbol search finds it: {string.Join(", ", latencies.Select(l => $"{l:0} ms"))}");
        output.WriteLine($"write → semantic search ranks it first: {string.Join(", ", semanticLatencies.Select(l => $"{l:0} ms"))}");

        File.Delete(Path.Combine(tree, "parse_rgb_color.py"));
        await commits.UntilAsync(() => SymbolHits(services, "parse_rgb_color"), hits => hits.Count == 0, CatchUp, "parse_rgb_color still found after the delete");
        var after = await Search(services, "convert a hex colour string into red green blue values", SearchMode.Semantic);
        Assert.DoesNotContain(after.Hits, h => h.Path == "parse_rgb_color.py");
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private async Task<IReadOnlyList<SearchHit>> SymbolHits(RagexServices services, string name) =>
        (await Search(services, name, SearchMode.Symbol)).Hits.Where(h => h.Symbol == name).ToList();

    private Task<SearchReply> Search(RagexServices services, string query, SearchMode mode) =>
        services.Search(new SearchQuery(new SearchRequest(query, mode) { Paths = [tree] }, tree), CancellationToken.None);
}

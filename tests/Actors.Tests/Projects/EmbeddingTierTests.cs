using Akka.Actor;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Xunit.Abstractions;

namespace Ragex.Actors.Tests.Projects;

/// <summary>
/// The two tiers with the real model, FAISS and a real tree (Python's json and email packages): the index request is
/// answered once every chunk has its static vector, and searches asked while the transformer fills in behind never
/// fail and find the same files for an exact identifier as after it has finished.
/// </summary>
[Trait("Category", "Slow")]
public sealed class EmbeddingTierTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly string Models = EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment());
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);
    private RagexServices services = null!;

    [Fact]
    public async Task Searches_during_the_transformer_tier_never_fail_and_find_an_identifiers_files_as_after_it()
    {
        foreach (var package in new[] { "json", "email/mime" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine("/usr/lib/python3.11", package), "*.py"))
            {
                var target = Path.Combine(tree, package, Path.GetFileName(file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        using var embedders = new EmbedderProvider(Models);
        services = RagexServices.Create(new ProjectRegistry(new RagexHome(home)), embedders);
        var supervisor = TestSupervisor.Create(Sys, services);
        supervisor.Tell(new IndexProject(tree, Embeddings: true));
        var indexed = ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(60));
        Assert.Equal(indexed.Chunks, indexed.StaticChunks);
        Assert.True(indexed.TransformerContinues);
        Assert.True(indexed.EmbeddedChunks < indexed.Chunks, "the transformer tier had finished before the reply");

        // Asked after each write to the index (a batch of transformer vectors stored) and each commit, until it is complete.
        var during = new List<(double Share, IReadOnlyList<string> Files)>();
        using var writes = new DirectoryChanges(home);
        using var commits = new IndexCommits(Sys);
        await Until.ChangedAsync(
            () => Task.WhenAny(writes.Next, commits.Next),
            async () =>
            {
                var identifier = await Search("JSONDecoder", SearchMode.Auto);
                var question = await Search("encode a Python object as a JSON string", SearchMode.Hybrid);
                Assert.NotEmpty(question.Hits);
                var coverage = Assert.Single(identifier.Coverage);
                during.Add((coverage.TransformerChunks / (double)coverage.Chunks, Definitions(identifier)));
                return coverage;
            },
            coverage => coverage.TransformerChunks == coverage.Chunks, TimeSpan.FromMinutes(5), _ => "the transformer tier did not finish");

        output.WriteLine($"{during.Count} searches while the transformer tier went from {during[0].Share:P0} to {during[^1].Share:P0}");
        Assert.True(during.Count > 2, "too few searches during the transformer tier");
        var after = Definitions(await Search("JSONDecoder", SearchMode.Auto));
        Assert.Contains("json/decoder.py", after);
        Assert.All(during, d => Assert.Equal(after, d.Files));
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    /// <summary>The files of the definitions an identifier search leads with.</summary>
    private static IReadOnlyList<string> Definitions(SearchReply reply) =>
        [.. reply.Hits.Where(h => h.Mode == SearchMode.Symbol).Select(h => h.Path).Distinct().Order(StringComparer.Ordinal)];

    private Task<SearchReply> Search(string query, SearchMode mode) =>
        services.Search(new SearchQuery(new SearchRequest(query, mode) { Paths = [tree] }, tree), CancellationToken.None);
}

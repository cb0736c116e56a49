using System.Text.Json;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Settings;

namespace Ragex.Cli.Tests;

/// <summary>
/// `--no-daemon` runs with the settings the daemon loads: the shipped ragex.hocon, overridden by
/// <c>$RAGEX_HOME/ragex.hocon</c>, then by <c>RAGEX_&lt;SECTION&gt;_&lt;KEY&gt;</c> variables.
/// </summary>
public sealed class SettingsTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = Directory.CreateTempSubdirectory("ragex-tree-").FullName;

    public SettingsTests()
    {
        // Twelve definitions of render and their uses: more hits than any limit below.
        for (var i = 0; i < 12; i++)
        {
            File.WriteAllText(Path.Combine(tree, $"view_{i:00}.py"), $"def render(value):\n    return value + {i}\n\n\nprint(render({i}))\n");
        }
    }

    [Fact]
    public async Task The_homes_ragex_hocon_sets_how_many_hits_a_search_shows()
    {
        Assert.Equal(0, (await CliRun.InvokeAsync(home, tree, "index", "--no-embeddings", tree)).ExitCode);
        Assert.True(await HitsAsync() > 4);

        File.WriteAllText(Path.Combine(home, "ragex.hocon"), "ragex.search.identifier-limit = 4\n");

        Assert.Equal(4, await HitsAsync());
    }

    [Fact]
    public async Task An_environment_variable_overrides_the_homes_ragex_hocon()
    {
        Assert.Equal(0, (await CliRun.InvokeAsync(home, tree, "index", "--no-embeddings", tree)).ExitCode);
        File.WriteAllText(Path.Combine(home, "ragex.hocon"), "ragex.search.identifier-limit = 4\n");

        Assert.Equal(6, await HitsAsync(new Dictionary<string, string> { ["RAGEX_SEARCH_IDENTIFIER_LIMIT"] = "6" }));
    }

    [Fact]
    public async Task The_homes_ragex_hocon_sets_what_indexing_skips()
    {
        File.WriteAllText(Path.Combine(tree, "large.py"), "def defined_in_a_large_file():\n" + string.Concat(Enumerable.Repeat("    pass\n", 100)));
        File.WriteAllText(Path.Combine(home, "ragex.hocon"), "ragex.index.max-file-size = 500\n");

        Assert.Equal(0, (await CliRun.InvokeAsync(home, tree, "index", "--no-embeddings", tree)).ExitCode);

        Assert.Equal(1, (await CliRun.InvokeAsync(home, tree, "search", "defined_in_a_large_file", "--mode", "symbol")).ExitCode);
        Assert.Equal(0, (await CliRun.InvokeAsync(home, tree, "search", "render", "--mode", "symbol")).ExitCode);
    }

    [Fact]
    public async Task Vectors_made_without_the_daemon_are_recorded_as_the_daemon_records_them()
    {
        Assert.Equal(0, (await CliRun.InvokeAsync(home, tree, "index", tree, "--wait-all")).ExitCode);

        // What ragexd names its transformer vectors (model, precision, tokenization): the same index serves both paths.
        var settings = RagexSettings.From(RagexSettings.Load(new RagexHome(home), new Dictionary<string, string>()));
        using var daemons = new EmbedderProvider(InstalledModels.Directory, settings.EmbeddingModel, settings.Embedder, settings.Tiers);
        using var database = IndexDatabase.Open(new ProjectRegistry(new RagexHome(home)).Describe(tree).DatabasePath, readOnly: true);
        Assert.Equal(daemons.VectorsId, database.Meta.Get(MetaKeys.EmbeddingModel));
    }

    private async Task<int> HitsAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var search = await CliRun.InvokeAsync(home, environment ?? new Dictionary<string, string>(), tree, "search", "render", "--json");
        Assert.True(search.ExitCode == 0, search.Error);
        using var reply = JsonDocument.Parse(search.Out);
        return reply.RootElement.GetProperty("hits").GetArrayLength();
    }

    public void Dispose()
    {
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }
}

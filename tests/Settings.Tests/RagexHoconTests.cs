using Ragex.Core;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Search;

namespace Ragex.Settings.Tests;

/// <summary>hocon/ragex.hocon documents every key once; its defaults are the engine's; overrides apply in order.</summary>
public sealed class RagexHoconTests : IDisposable
{
    private static readonly string HoconPath = FindHocon();
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;

    [Fact]
    public void Every_key_has_a_comment_above_it()
    {
        var lines = File.ReadAllLines(HoconPath);
        for (var i = 0; i < lines.Length; i++)
        {
            if (System.Text.RegularExpressions.Regex.IsMatch(lines[i], @"^\s*[a-z][a-z0-9-]*\s*=\s*.+$"))
            {
                Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith('#'), $"line {i + 1} `{lines[i].Trim()}` has no comment above it");
            }
        }
    }

    [Fact]
    public void The_shipped_defaults_are_the_engine_defaults()
    {
        var settings = RagexSettings.From(RagexSettings.Load(HoconPath, home, new Dictionary<string, string>()));

        Assert.Equal(new RankingOptions(), settings.Ranking);
        var defaults = new IndexerOptions();
        Assert.Equal(defaults.Walk, settings.Indexer.Walk);
        Assert.Equal(defaults.Chunking, settings.Indexer.Chunking);
        Assert.Equal((defaults.CtagsBatchSize, defaults.Parallelism, defaults.EmbeddingBatchSize),
            (settings.Indexer.CtagsBatchSize, settings.Indexer.Parallelism, settings.Indexer.EmbeddingBatchSize));
        Assert.Equal(EmbedderProvider.DefaultModelId, settings.EmbeddingModel);
        Assert.Equal(new EmbedderOptions(), settings.Embedder);
        Assert.Equal(EmbeddingTiers.StaticAndTransformer, settings.Tiers);
    }

    [Fact]
    public void The_defaults_are_copied_beside_every_program_that_loads_settings()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, RagexSettings.DefaultsFileName);

        Assert.Equal(File.ReadAllText(HoconPath), File.ReadAllText(beside));
        Assert.Equal(new RankingOptions(), RagexSettings.From(RagexSettings.Load(new RagexHome(home), new Dictionary<string, string>())).Ranking);
    }

    [Fact]
    public void The_user_file_overrides_the_defaults_and_the_environment_overrides_both()
    {
        File.WriteAllText(Path.Combine(home, "ragex.hocon"), "ragex.search { rrf-k = 30, hits-per-file = 3 }\nragex.embedding.model = all-minilm-l6-v2\n");
        var environment = new Dictionary<string, string> { ["RAGEX_SEARCH_RRF_K"] = "20", ["RAGEX_HOME"] = "/ignored", ["RAGEX_INDEX_MAX_FILE_SIZE"] = "2048" };

        var settings = RagexSettings.From(RagexSettings.Load(HoconPath, home, environment));

        Assert.Equal((20, 3), (settings.Ranking.RrfK, settings.Ranking.HitsPerFile));
        Assert.Equal("all-minilm-l6-v2", settings.EmbeddingModel);
        Assert.Equal(2048, settings.Indexer.Walk.MaxFileSize);
    }

    [Fact]
    public void A_user_file_the_parser_rejects_is_named()
    {
        var user = Path.Combine(home, "ragex.hocon");
        File.WriteAllText(user, "ragex.search.rrf-k = ${no-such-key}\n");

        var error = Assert.Throws<RagexException>(() => RagexSettings.Load(HoconPath, home, new Dictionary<string, string>()));

        Assert.StartsWith(user + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_defaults_are_named()
    {
        var missing = Path.Combine(home, "no-such-defaults.hocon");

        var error = Assert.Throws<RagexException>(() => RagexSettings.Load(missing, home, new Dictionary<string, string>()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RAGEX_SEARCH_RRF_K", "ragex.search.rrf-k")]
    [InlineData("RAGEX_INDEX_MAX_FILE_SIZE", "ragex.index.max-file-size")]
    [InlineData("RAGEX_HOME", null)]
    [InlineData("RAGEX_MODELS_DIR", null)]
    [InlineData("PATH", null)]
    public void Environment_variables_map_to_keys(string variable, string? key) => Assert.Equal(key, RagexSettings.KeyFor(variable));

    public void Dispose() => Directory.Delete(home, recursive: true);

    private static string FindHocon()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "hocon", "ragex.hocon");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("hocon/ragex.hocon not found above the test directory");
    }
}

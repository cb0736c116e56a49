using Ragex.Actors.Embedding;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Search;

namespace Ragex.Host.Tests;

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
        Assert.Equal(new EmbedderPoolOptions(), settings.EmbedderPool);
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

    [Theory]
    [InlineData("RAGEX_SEARCH_RRF_K", "ragex.search.rrf-k")]
    [InlineData("RAGEX_INDEX_MAX_FILE_SIZE", "ragex.index.max-file-size")]
    [InlineData("RAGEX_HOME", null)]
    [InlineData("RAGEX_MODELS_DIR", null)]
    [InlineData("PATH", null)]
    public void Environment_variables_map_to_keys(string variable, string? key) => Assert.Equal(key, RagexSettings.KeyFor(variable));

    public void Dispose() => Directory.Delete(home, recursive: true);

    [Fact]
    public void The_shipped_cluster_defaults_are_the_router_defaults_and_flags_override_them()
    {
        var config = RagexSettings.Load(HoconPath, home, new Dictionary<string, string> { ["RAGEX_CLUSTER_PORT"] = "4100" });

        var defaults = ClusterSettings.From(config, new DaemonArguments { Cluster = true });
        Assert.Equal(new Ragex.Actors.Cluster.ClusterEmbeddingOptions(), defaults.Embedding);
        Assert.Equal(("127.0.0.1", 4100, false), (defaults.Hostname, defaults.Port, defaults.Tls.Enabled));
        Assert.Equal(Ragex.Actors.Cluster.ClusterRoles.All, defaults.Roles);
        Assert.Empty(defaults.SeedNodes);

        var flagged = ClusterSettings.From(config, new DaemonArguments { Cluster = true, Port = 4053, Seeds = ["10.0.0.1:4053"], Roles = ["embedder"] });
        Assert.Equal((4053, "akka.tcp://ragex@10.0.0.1:4053", "embedder"), (flagged.Port, flagged.SeedNodes.Single(), flagged.Roles.Single()));
    }

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

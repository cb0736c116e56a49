using Akka.Configuration;
using Ragex.Core;
using Ragex.Core.Chunking;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Search;
using Ragex.Core.Walk;

namespace Ragex.Settings;

/// <summary>
/// The engine's <c>ragex.*</c> settings, loaded alike by the daemon and by the in-process CLI (<c>--no-daemon</c>):
/// the ragex.hocon shipped beside the program (every key with its default), overridden by <c>$RAGEX_HOME/ragex.hocon</c>,
/// then by environment variables <c>RAGEX_&lt;SECTION&gt;_&lt;KEY&gt;</c> (e.g. <c>RAGEX_SEARCH_RRF_K=30</c> sets
/// <c>ragex.search.rrf-k</c>). The daemon reads the sections only it uses (the embedder pool, the cluster) from the same
/// <see cref="Config"/>.
/// </summary>
public sealed record RagexSettings(IndexerOptions Indexer, RankingOptions Ranking, string EmbeddingModel, EmbedderOptions Embedder, EmbeddingTiers Tiers)
{
    /// <summary>The file of defaults beside the program.</summary>
    public const string DefaultsFileName = "ragex.hocon";

    private static readonly string[] Sections = ["index", "embedding", "search", "cluster"];

    /// <summary>This process's settings for <paramref name="home"/>: the defaults beside it, the home's file, this process's environment.</summary>
    public static Config Load(RagexHome home) => Load(home, ProcessEnvironment());

    /// <summary>The defaults beside this program, the home's file, then <paramref name="environment"/>.</summary>
    public static Config Load(RagexHome home, IReadOnlyDictionary<string, string> environment) =>
        Load(Path.Combine(AppContext.BaseDirectory, DefaultsFileName), home.Directory, environment);

    public static Config Load(string defaultsPath, string homeDirectory, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(defaultsPath))
        {
            throw new RagexException($"{defaultsPath} is missing: the defaults of every setting ship beside the program (reinstall it)");
        }

        var config = Parse(defaultsPath);
        var user = new RagexHome(homeDirectory).ConfigPath;
        if (File.Exists(user))
        {
            config = Parse(user).WithFallback(config);
        }

        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (KeyFor(name) is { } key)
            {
                config = ConfigurationFactory.ParseString($"{key} = \"{value.Replace("\"", "\\\"")}\"").WithFallback(config);
            }
        }

        return config;
    }

    /// <summary>RAGEX_SEARCH_RRF_K → ragex.search.rrf-k; null for variables that name no setting section.</summary>
    public static string? KeyFor(string environmentVariable)
    {
        var parts = environmentVariable.Split('_', 3);
        return parts.Length == 3 && parts[0] == "RAGEX" && Sections.Contains(parts[1].ToLowerInvariant())
            ? $"ragex.{parts[1].ToLowerInvariant()}.{parts[2].ToLowerInvariant().Replace('_', '-')}"
            : null;
    }

    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    /// <summary>How <c>ragexd prepare-models</c> makes the static table (<c>ragex.embedding.static-training</c>).</summary>
    public static StaticDistillOptions StaticDistillation(Config config)
    {
        var training = config.GetConfig("ragex.embedding.static-training");
        return new StaticDistillOptions
        {
            TrainingSources = [.. training.GetStringList("sources")],
            TrainingExcluded = [.. training.GetStringList("excluded")],
            TrainingQuestions = training.GetInt("questions"),
        };
    }

    /// <summary>The process's embedder over the models in <paramref name="modelsDirectory"/>: the configured model, options and tiers.</summary>
    public EmbedderProvider CreateEmbedderProvider(string modelsDirectory, Action<string>? staticModelLog = null) =>
        new(modelsDirectory, EmbeddingModel, Embedder, Tiers) { StaticModelLog = staticModelLog };

    public static RagexSettings From(Config config)
    {
        var index = config.GetConfig("ragex.index");
        var search = config.GetConfig("ragex.search");
        var embedding = config.GetConfig("ragex.embedding");
        var parallelism = index.GetInt("parallelism");
        return new RagexSettings(
            new IndexerOptions
            {
                Walk = new WalkOptions { MaxFileSize = index.GetLong("max-file-size") },
                Chunking = new ChunkerOptions { MaxWindowLines = index.GetInt("max-window-lines") },
                CtagsBatchSize = index.GetInt("ctags-batch-size"),
                CtagsBatchBytes = index.GetLong("ctags-batch-bytes"),
                Parallelism = parallelism == IndexerOptions.OnePerCore ? Environment.ProcessorCount : parallelism,
                EmbeddingBatchSize = index.GetInt("embedding-batch-size"),
            },
            new RankingOptions
            {
                SymbolLimit = search.GetInt("symbol-limit"),
                DefaultLimit = search.GetInt("chunk-limit"),
                IdentifierLimit = search.GetInt("identifier-limit"),
                IdentifierLinesPerFile = search.GetInt("identifier-lines-per-file"),
                RrfK = search.GetInt("rrf-k"),
                SemanticWeight = search.GetDouble("semantic-weight"),
                StaticWeight = search.GetDouble("static-weight"),
                KeywordWeight = search.GetDouble("keyword-weight"),
                SymbolNameWeight = search.GetDouble("symbol-name-weight"),
                Candidates = search.GetInt("candidates"),
                KeywordCandidates = search.GetInt("keyword-candidates"),
                HitsPerFile = search.GetInt("hits-per-file"),
                IdentifierWordsWeight = search.GetDouble("identifier-words-weight"),
                PathWordsWeight = search.GetDouble("path-words-weight"),
                SymbolMatchBoost = search.GetDouble("symbol-match-boost"),
                KeywordSymbolMatchBoost = search.GetDouble("keyword-symbol-match-boost"),
                PathMatchBoost = search.GetDouble("path-match-boost"),
                DefinitionBoost = search.GetDouble("definition-boost"),
                NameDefinitionBoost = search.GetDouble("name-definition-boost"),
                KeywordNameDefinitionBoost = search.GetDouble("keyword-name-definition-boost"),
                NonSourceFactor = search.GetDouble("non-source-factor"),
                DeclaringHeaderFactor = search.GetDouble("declaring-header-factor"),
                SiblingWeight = search.GetDouble("sibling-weight"),
                KeywordSiblingWeight = search.GetDouble("keyword-sibling-weight"),
                SiblingsCounted = search.GetInt("siblings-counted"),
                OutlineMatchBoost = search.GetDouble("outline-match-boost"),
                RankedHitsPerFile = search.GetInt("ranked-hits-per-file"),
            },
            embedding.GetString("model"),
            new EmbedderOptions
            {
                IntraOpThreads = embedding.GetInt("intra-op-threads"),
                BatchSize = embedding.GetInt("batch-size"),
                TransformerMaxChunks = embedding.GetLong("transformer-max-chunks"),
                ReleaseIdleModelAfter = embedding.GetTimeSpan("release-idle-model-after"),
                Precision = embedding.GetString("precision") switch
                {
                    "fp32" => EmbeddingPrecision.Float32,
                    "int8" => EmbeddingPrecision.Int8,
                    var other => throw new RagexException($"ragex.embedding.precision = '{other}': expected fp32 or int8"),
                },
            },
            EmbeddingTiersSetting.Parse(embedding.GetString("tiers")));
    }

    /// <summary>A file's settings; an error the parser reports (it reports few: an unresolved <c>${...}</c>) names the file.</summary>
    private static Config Parse(string path)
    {
        try
        {
            return ConfigurationFactory.ParseString(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new RagexException($"{path}: {e.Message}", e);
        }
    }
}

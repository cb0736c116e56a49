using Ragex.Core.Configuration;

namespace Ragex.Core.Embedding;

/// <summary>The process's embedder: the configured model from a models directory, loaded on first use and then kept.</summary>
public sealed class EmbedderProvider : IDisposable
{
    public const string DefaultModelId = "arctic-embed-xs";
    public const string ModelsDirectoryVariable = "RAGEX_MODELS_DIR";

    private readonly string modelsDirectory;
    private readonly EmbedderOptions? options;
    private readonly Lazy<OnnxEmbedder> embedder;
    private readonly Lazy<StaticEmbedder> staticEmbedder;
    private readonly List<OnnxEmbedder> sessions = [];

    public EmbedderProvider(
        string modelsDirectory, string modelId = DefaultModelId, EmbedderOptions? options = null, EmbeddingTiers tiers = EmbeddingTiers.StaticAndTransformer)
    {
        ModelId = modelId;
        Tiers = tiers;
        this.modelsDirectory = modelsDirectory;
        this.options = options;
        embedder = new Lazy<OnnxEmbedder>(CreateSession);
        staticEmbedder = new Lazy<StaticEmbedder>(() => new StaticEmbedder(
            StaticModelStore.LoadOrDistill(EmbeddingModel.Locate(modelsDirectory, ModelId), new StaticDistillOptions(), StaticModelLog, anyRecipe: true)));
    }

    public string ModelId { get; }

    /// <summary>
    /// What an index records its transformer vectors as made by: the model and how texts are tokenized for it, so
    /// vectors made with the tokenization before <see cref="BertText"/> are made again.
    /// </summary>
    public string VectorsId => ModelId + (options?.Precision == EmbeddingPrecision.Int8 ? "+int8" : "") + "+bert-text-v2";

    public EmbeddingTiers Tiers { get; }

    /// <summary>Projects with more chunks than this get no transformer tier (<see cref="EmbedderOptions.TransformerMaxChunks"/>).</summary>
    public long TransformerMaxChunks => (options ?? new EmbedderOptions()).TransformerMaxChunks;

    /// <summary>Whether a project of <paramref name="chunks"/> chunks is above <see cref="TransformerMaxChunks"/>: static tier only.</summary>
    public bool TransformerOffFor(long chunks) => chunks > TransformerMaxChunks;

    public bool HasStaticTier => Tiers.HasFlag(EmbeddingTiers.Static);

    public bool HasTransformerTier => Tiers.HasFlag(EmbeddingTiers.Transformer);

    /// <summary>Where a distillation on first need is reported (the daemon's log); nowhere by default.</summary>
    public Action<string>? StaticModelLog { get; init; }

    /// <summary>
    /// <c>$RAGEX_MODELS_DIR</c> when set (or <paramref name="configured"/>); else the first models folder that exists of
    /// the home's, the one beside the published binaries, and the default home's (<c>~/.ragex/models</c>, where
    /// scripts/setup installs them), so a new <c>RAGEX_HOME</c> needs no set-up of its own.
    /// </summary>
    public static string ModelsDirectoryFor(RagexHome home, string? configured = null)
    {
        configured ??= Environment.GetEnvironmentVariable(ModelsDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        string[] candidates = [home.ModelsDirectory, Path.Combine(AppContext.BaseDirectory, "models"), RagexHome.Default.ModelsDirectory];
        return candidates.FirstOrDefault(Directory.Exists) ?? home.ModelsDirectory;
    }

    /// <summary>The static tier's embedder (its table distilled on first need if setup did not).</summary>
    public StaticEmbedder Static => staticEmbedder.Value;

    /// <summary>The shared session (its weights load on first embedding); ONNX Runtime runs concurrent calls safely.</summary>
    public IEmbedder Embedder => embedder.Value;

    /// <summary>Another session of the same model, owned (and disposed) by the caller: the daemon's extra embedder workers.</summary>
    public OnnxEmbedder CreateSession()
    {
        var session = new OnnxEmbedder(EmbeddingModel.Locate(modelsDirectory, ModelId), options);
        lock (sessions)
        {
            sessions.Add(session);
        }

        return session;
    }

    /// <summary>
    /// Gives back the model of every session unused for <see cref="EmbedderOptions.ReleaseIdleModelAfter"/>; how many
    /// were released. A session disposed by its owner is dropped from the list.
    /// </summary>
    public int ReleaseIdleSessions()
    {
        var idleFor = (options ?? new EmbedderOptions()).ReleaseIdleModelAfter;
        lock (sessions)
        {
            sessions.RemoveAll(s => s.IsDisposed);
            return sessions.Count(s => s.ReleaseIfIdle(idleFor));
        }
    }

    /// <summary>The static tier forgets the word pieces it remembered while indexing (<see cref="BertPieces.Forget"/>), if it was loaded.</summary>
    public void ForgetRememberedPieces()
    {
        if (staticEmbedder.IsValueCreated)
        {
            staticEmbedder.Value.Pieces.Forget();
        }
    }

    public void Dispose()
    {
        if (embedder.IsValueCreated)
        {
            embedder.Value.Dispose();
        }
    }
}

using Ragex.Core.Configuration;

namespace Ragex.Core.Embedding;

/// <summary>The process's embedder: the configured model from a models directory, loaded on first use and then kept.</summary>
public sealed class EmbedderProvider : IDisposable
{
    public const string DefaultModelId = "arctic-embed-xs";
    public const string ModelsDirectoryVariable = "RAGEX_MODELS_DIR";

    private readonly Lazy<OnnxEmbedder> embedder;
    private readonly Lazy<GatedEmbedder> indexingEmbedder;

    public EmbedderProvider(string modelsDirectory, string modelId = DefaultModelId, EmbedderOptions? options = null)
    {
        ModelId = modelId;
        embedder = new Lazy<OnnxEmbedder>(() => new OnnxEmbedder(EmbeddingModel.Locate(modelsDirectory, modelId), options));
        indexingEmbedder = new Lazy<GatedEmbedder>(() => new GatedEmbedder(embedder.Value, new SemaphoreSlim(IndexingConcurrency)));
    }

    /// <summary>Indexing batches embedded at once across all projects (one: the session already uses every core).</summary>
    public const int IndexingConcurrency = 1;

    public string ModelId { get; }

    /// <summary><c>$RAGEX_MODELS_DIR</c> when set (or <paramref name="configured"/>), else the home's models folder, where scripts/setup installs them.</summary>
    public static string ModelsDirectoryFor(RagexHome home, string? configured = null)
    {
        configured ??= Environment.GetEnvironmentVariable(ModelsDirectoryVariable);
        return string.IsNullOrWhiteSpace(configured) ? home.ModelsDirectory : configured;
    }

    /// <summary>For queries: never waits behind indexing, so searches stay fast while a project is being embedded.</summary>
    public IEmbedder Embedder => embedder.Value;

    /// <summary>For bulk indexing: the same session behind a gate shared by every project.</summary>
    public IEmbedder IndexingEmbedder => indexingEmbedder.Value;

    public void Dispose()
    {
        if (embedder.IsValueCreated)
        {
            embedder.Value.Dispose();
        }
    }
}

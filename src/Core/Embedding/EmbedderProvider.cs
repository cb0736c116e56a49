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

    public EmbedderProvider(string modelsDirectory, string modelId = DefaultModelId, EmbedderOptions? options = null)
    {
        ModelId = modelId;
        this.modelsDirectory = modelsDirectory;
        this.options = options;
        embedder = new Lazy<OnnxEmbedder>(CreateSession);
    }

    public string ModelId { get; }

    /// <summary><c>$RAGEX_MODELS_DIR</c> when set (or <paramref name="configured"/>), else the home's models folder, where scripts/setup installs them.</summary>
    public static string ModelsDirectoryFor(RagexHome home, string? configured = null)
    {
        configured ??= Environment.GetEnvironmentVariable(ModelsDirectoryVariable);
        return string.IsNullOrWhiteSpace(configured) ? home.ModelsDirectory : configured;
    }

    /// <summary>The shared session (its weights load on first embedding); ONNX Runtime runs concurrent calls safely.</summary>
    public IEmbedder Embedder => embedder.Value;

    /// <summary>Another session of the same model, owned (and disposed) by the caller: the daemon's extra embedder workers.</summary>
    public OnnxEmbedder CreateSession() => new(EmbeddingModel.Locate(modelsDirectory, ModelId), options);

    public void Dispose()
    {
        if (embedder.IsValueCreated)
        {
            embedder.Value.Dispose();
        }
    }
}

using Ragex.Core.Configuration;

namespace Ragex.Core.Embedding;

/// <summary>The process's embedder: the configured model from a models directory, loaded on first use and then kept.</summary>
public sealed class EmbedderProvider : IDisposable
{
    public const string DefaultModelId = "arctic-embed-xs";
    public const string ModelsDirectoryVariable = "RAGEX_MODELS_DIR";

    private readonly Lazy<OnnxEmbedder> embedder;

    public EmbedderProvider(string modelsDirectory, string modelId = DefaultModelId, EmbedderOptions? options = null)
    {
        ModelId = modelId;
        embedder = new Lazy<OnnxEmbedder>(() => new OnnxEmbedder(EmbeddingModel.Locate(modelsDirectory, modelId), options));
    }

    public string ModelId { get; }

    /// <summary><c>$RAGEX_MODELS_DIR</c> when set (or <paramref name="configured"/>), else the home's models folder, where scripts/setup installs them.</summary>
    public static string ModelsDirectoryFor(RagexHome home, string? configured = null)
    {
        configured ??= Environment.GetEnvironmentVariable(ModelsDirectoryVariable);
        return string.IsNullOrWhiteSpace(configured) ? home.ModelsDirectory : configured;
    }

    public IEmbedder Embedder => embedder.Value;

    public void Dispose()
    {
        if (embedder.IsValueCreated)
        {
            embedder.Value.Dispose();
        }
    }
}

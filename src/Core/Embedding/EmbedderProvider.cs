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

    public IEmbedder Embedder => embedder.Value;

    public void Dispose()
    {
        if (embedder.IsValueCreated)
        {
            embedder.Value.Dispose();
        }
    }
}

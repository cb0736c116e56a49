using Ragex.Core.Configuration;
using Ragex.Core.Embedding;

namespace Ragex.MicroBench;

/// <summary>Where the installed models are: $RAGEX_MODELS_DIR, else ~/.ragex/models (scripts/setup puts them there).</summary>
public static class ModelPaths
{
    public static string ModelsDirectory => EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment());

    public static EmbeddingModel Default => EmbeddingModel.Locate(ModelsDirectory, EmbedderProvider.DefaultModelId);
}

using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Xunit.Sdk;

namespace Ragex.Core.Tests.Embedding;

/// <summary>
/// The real models, installed by <c>scripts/fetch-model all</c> into <c>$RAGEX_MODELS_DIR</c> or, when that is not set,
/// <c>${RAGEX_HOME:-~/.ragex}/models</c>. A missing model fails the test (it is never skipped).
/// </summary>
internal static class TestModels
{
    public const string ModelsDirectoryVariable = EmbedderProvider.ModelsDirectoryVariable;
    public const string ArcticXs = "arctic-embed-xs";
    public const string MiniLm = "all-minilm-l6-v2";

    public static string ModelsDirectory => Path.GetFullPath(EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment()));

    public static EmbeddingModel Locate(string id)
    {
        try
        {
            return EmbeddingModel.Locate(ModelsDirectory, id);
        }
        catch (RagexException e)
        {
            throw new XunitException(
                $"{e.Message}. These tests need the real model: run `scripts/fetch-model all` " +
                $"(or `scripts/fetch-model all <dir>` and set {ModelsDirectoryVariable}=<dir>).");
        }
    }

    public static OnnxEmbedder Embedder(string id, EmbedderOptions? options = null) => new(Locate(id), options);

    public static float Cosine(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var dot = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }
        return dot;
    }
}

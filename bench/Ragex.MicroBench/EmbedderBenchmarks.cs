using BenchmarkDotNet.Attributes;
using Ragex.Core.Embedding;

namespace Ragex.MicroBench;

/// <summary>OnnxEmbedder.Embed of a batch of chunk texts (arctic-embed-xs, 256-token cap, default session options).</summary>
public class EmbedderBenchmarks
{
    private OnnxEmbedder embedder = null!;
    private IReadOnlyList<string> texts = [];

    [Params(4, 16)]
    public int Texts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        embedder = new OnnxEmbedder(ModelPaths.Default);
        texts = SampleTexts.Take(Texts);
        embedder.Embed(texts, EmbeddingPurpose.Document);
    }

    [GlobalCleanup]
    public void Cleanup() => embedder.Dispose();

    [Benchmark(Description = "embed batch")]
    public float[][] Embed() => embedder.Embed(texts, EmbeddingPurpose.Document);
}

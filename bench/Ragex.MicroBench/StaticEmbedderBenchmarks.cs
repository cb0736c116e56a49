using BenchmarkDotNet.Attributes;
using Ragex.Core.Embedding;

namespace Ragex.MicroBench;

/// <summary>
/// The static tier on one core: 1,000 chunk texts (30-line windows) embedded by table lookup, as the chunkers do when
/// they parse. chunks/s = 1,000 / the mean. The first call fills the piece cache, as the first files of a project do.
/// </summary>
public class StaticEmbedderBenchmarks
{
    private StaticEmbedder embedder = null!;
    private IReadOnlyList<string> texts = [];

    [GlobalSetup]
    public void Setup()
    {
        embedder = new StaticEmbedder(StaticModelStore.LoadOrDistill(ModelPaths.Default, new StaticDistillOptions(), anyRecipe: true));
        texts = SampleTexts.Take(1000);
        embedder.Embed(texts, EmbeddingPurpose.Document);
    }

    [Benchmark(Description = "static-embed 1000 chunks (one core)")]
    public int Embed1000() => embedder.Embed(texts, EmbeddingPurpose.Document).Length;
}

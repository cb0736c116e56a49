using BenchmarkDotNet.Attributes;
using Ragex.Core.VectorIndex;

namespace Ragex.MicroBench;

/// <summary>Exact inner-product search (k = 10) over random unit vectors of 384 dimensions, as vectors.faiss holds them.</summary>
public class FaissBenchmarks
{
    private const int Dimension = 384;
    private FaissIndex index = null!;
    private float[] query = [];

    [Params(10_000, 100_000)]
    public int Vectors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        index = FaissIndex.CreateFlat(Dimension);
        const int Page = 10_000;
        for (var first = 0; first < Vectors; first += Page)
        {
            var count = Math.Min(Page, Vectors - first);
            var vectors = new float[count * Dimension];
            for (var row = 0; row < count; row++)
            {
                RandomUnit(random, vectors.AsSpan(row * Dimension, Dimension));
            }

            index.Add(vectors, [.. Enumerable.Range(first, count).Select(i => (long)i)]);
        }

        query = new float[Dimension];
        RandomUnit(random, query);
    }

    [GlobalCleanup]
    public void Cleanup() => index.Dispose();

    [Benchmark(Description = "flat search k=10")]
    public int Search() => index.Search(query, 10).Count;

    private static void RandomUnit(Random random, Span<float> vector)
    {
        var norm = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            norm += vector[i] * vector[i];
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}

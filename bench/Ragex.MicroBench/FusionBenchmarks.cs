using BenchmarkDotNet.Attributes;
using Ragex.Core.Search;

namespace Ragex.MicroBench;

/// <summary>Hybrid's reciprocal rank fusion of two 100-candidate rankings (k = 60, equal weights), half of them shared.</summary>
public class FusionBenchmarks
{
    private List<(long Id, double Score)> semantic = [];
    private List<(long Id, double Score)> keyword = [];

    [GlobalSetup]
    public void Setup()
    {
        semantic = [.. Enumerable.Range(0, 100).Select(i => ((long)i, 1.0 - (i / 100.0)))];
        keyword = [.. Enumerable.Range(50, 100).Select(i => ((long)i, 20.0 - (i / 10.0)))];
    }

    [Benchmark(Description = "RRF fuse 2 x 100")]
    public int Fuse() => ReciprocalRankFusion.Fuse(60, (semantic, 1.0), (keyword, 1.0)).Count;
}

using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Text.Json;
using Ragex.Core.VectorIndex;

namespace Ragex.MicroBench;

/// <summary>
/// Vector index at scale (not BenchmarkDotNet: one build of each index is minutes, not microseconds): flat against
/// IVF-SQ8, compact IVF indexes re-ranked by exact inner product (what the daemon runs past 100k vectors) and optionally HNSW, over
/// N clustered unit vectors of 256 dimensions, the static tier's shape. Reports
/// build time, index size, query latency (p50/p95 over single queries, as the daemon runs them), recall@10 against
/// exact search, and the cost of an in-place update. Usage: Ragex.MicroBench vectors [N] [--hnsw] [--no-sq8] [--out DIR]
/// </summary>
/// <remarks>
/// Data: hierarchical clusters, 2,000 topics with Zipf-distributed sizes, 32 subtopics each (cosine ~0.8 to the
/// topic), each vector its subtopic plus Gaussian noise (cosine ~0.9), like embeddings of code where many chunks are
/// variations of a few idioms and a long tail is not. Queries are drawn the same way but are not in the index. Uniform random vectors are the worst case for
/// IVF and HNSW and are not what embeddings look like.
/// </remarks>
public static class VectorScaleBench
{
    private const int Dimension = 256;
    private const int Queries = 200;
    private const int K = 10;

    public static int Run(string[] args)
    {
        var count = args.Length > 1 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var n) ? n : 1_000_000;
        var withHnsw = args.Contains("--hnsw");
        var outIndex = Array.IndexOf(args, "--out");
        var output = outIndex >= 0 ? args[outIndex + 1] : Path.GetTempPath();
        var random = new Random(256);
        Console.WriteLine($"generating {count:N0} clustered vectors of {Dimension} dimensions");
        var (data, queries) = Clustered(random, count);
        var ids = Enumerable.Range(0, count).Select(i => (long)i * 7 + 1).ToArray();
        var results = new List<Dictionary<string, object>>();

        long[][] truth;
        {
            var (index, build, bytes) = Build("flat", () => FaissIndex.CreateFlat(Dimension), data, ids, count, output);
            using (index)
            {
                truth = [.. Enumerable.Range(0, Queries).Select(q => index.Search(queries.AsSpan(q * Dimension, Dimension), K).Select(m => m.Id).ToArray())];
                var row = Measure("flat", q => index.Search(queries.AsSpan(q * Dimension, Dimension), K), truth, build, bytes);
                row["update_1000_ms"] = Update(index, data, ids, random);
                results.Add(row);
            }
        }

        foreach (var lists in args.Contains("--no-sq8") ? [] : new[] { 1024, 2048 })
        {
            var (index, build, bytes) = Build(
                $"ivf{lists},sq8", () => Trained(FaissIndex.CreateIvfSq(Dimension, lists, 1), data, Math.Min(count, lists * 40)), data, ids, count, output);
            using (index)
            {
                foreach (var probes in new[] { 8, 16, 32, 64 })
                {
                    index.NProbe = probes;
                    results.Add(Measure($"ivf{lists},sq8 nprobe={probes}", q => index.Search(queries.AsSpan(q * Dimension, Dimension), K), truth, build, bytes));
                }

                index.NProbe = 32;
                results[^2]["update_1000_ms"] = Update(index, data, ids, random);
            }
        }

        MeasureReranked(data, ids, queries, truth, count, output, results, random);

        if (withHnsw)
        {
            var (index, build, bytes) = Build("hnsw32", () => FaissIndex.CreateHnsw(Dimension, 32, 40, 64), data, ids, count, output);
            using (index)
            {
                foreach (var ef in new[] { 32, 64, 128 })
                {
                    index.EfSearch = ef;
                    results.Add(Measure($"hnsw32 ef={ef}", q => index.Search(queries.AsSpan(q * Dimension, Dimension), K), truth, build, bytes));
                }
            }
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["vectors"] = count,
            ["dimension"] = Dimension,
            ["queries"] = Queries,
            ["k"] = K,
            ["data"] = "hierarchical clusters: 2000 Zipf-sized topics x 32 subtopics (cos ~0.8), points cos ~0.9 to their subtopic; queries drawn alike, not in the index",
            ["cores"] = Environment.ProcessorCount,
            ["results"] = results,
        }, new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(output, "vectors.json"), json);
        Console.WriteLine(json);
        return 0;
    }

    /// <summary>An IVF index trained on the first <paramref name="sample"/> vectors, with the time it took printed.</summary>
    private static FaissIndex Trained(FaissIndex ivf, float[] data, int sample)
    {
        var watch = Stopwatch.StartNew();
        ivf.Train(data.AsSpan(0, sample * Dimension));
        Console.WriteLine($"  trained on {sample:N0} in {watch.Elapsed.TotalSeconds:F1} s");
        return ivf;
    }

    private static (FaissIndex Index, double Seconds, long Bytes) Build(
        string name, Func<FaissIndex> create, float[] data, long[] ids, int count, string output)
    {
        var watch = Stopwatch.StartNew();
        var index = create();
        const int Page = 50_000;
        for (var first = 0; first < count; first += Page)
        {
            var rows = Math.Min(Page, count - first);
            index.Add(data.AsSpan(first * Dimension, rows * Dimension), ids.AsSpan(first, rows));
        }

        var seconds = watch.Elapsed.TotalSeconds;
        var path = Path.Combine(output, "bench-" + name.Replace(',', '-') + ".faiss");
        index.Save(path);
        var bytes = new FileInfo(path).Length;
        File.Delete(path);
        Console.WriteLine($"{name}: built in {seconds:F1} s, {bytes / 1048576.0:F0} MiB on disk");
        return (index, seconds, bytes);
    }

    /// <summary>
    /// Compact IVF indexes whose candidates are re-scored with the exact vectors (here from memory; the daemon reads
    /// them from index.db): 4- and 8-bit scalar codes, with the daemon's list count, probes and a training sample of 25
    /// per list, each asked for 4, 10 and 20 times k candidates (the daemon re-ranks 200 for its 100 candidates). The
    /// 4-bit codes are scanned with the shim's AVX2 scanner where the CPU has it, then once with FAISS's own.
    /// </summary>
    private static void MeasureReranked(
        float[] data, long[] ids, float[] queries, long[][] truth, int count, string output, List<Dictionary<string, object>> results, Random random)
    {
        var options = new VectorIndexOptions();
        var lists = options.ListsFor(count);
        var rows = ids.Select((id, row) => (id, row)).ToDictionary(p => p.id, p => p.row);
        var kinds = new (string Name, Func<FaissIndex> Create)[]
        {
            ($"ivf{lists},sq8", () => FaissIndex.CreateIvfSq(Dimension, lists, 1, bits: 8)),
            ($"ivf{lists},sq4", () => FaissIndex.CreateIvfSq(Dimension, lists, 1, bits: 4)),
        };
        foreach (var (name, create) in kinds)
        {
            var (index, build, bytes) = Build(
                name, () => Trained(create(), data, Math.Min(count, lists * options.TrainingPerList)), data, ids, count, output);
            using (index)
            {
                index.NProbe = options.ProbesFor(lists);
                var fastScan = index.SetFastScan(true);
                foreach (var pool in new[] { K * 4, K * 10, K * 20 })
                {
                    results.Add(Measure($"{name} nprobe={index.NProbe} top {pool} re-ranked{(fastScan ? ", AVX2 scan" : "")}", q => Reranked(q, pool), truth, build, bytes));
                }

                results[^1]["update_1000_ms"] = Update(index, data, ids, random);
                if (fastScan)
                {
                    index.SetFastScan(false);
                    results.Add(Measure($"{name} nprobe={index.NProbe} top {K * 4} re-ranked, FAISS's own scan", q => Reranked(q, K * 4), truth, build, bytes));
                }

                IReadOnlyList<VectorMatch> Reranked(int q, int pool)
                {
                    var query = queries.AsSpan(q * Dimension, Dimension);
                    var scored = new List<VectorMatch>();
                    foreach (var candidate in index.Search(query, pool))
                    {
                        scored.Add(new VectorMatch(candidate.Id, TensorPrimitives.Dot(query, data.AsSpan(rows[candidate.Id] * Dimension, Dimension))));
                    }

                    return [.. scored.OrderByDescending(m => m.Score).Take(K)];
                }
            }
        }
    }

    private static Dictionary<string, object> Measure(string name, Func<int, IReadOnlyList<VectorMatch>> search, long[][] truth, double build, long bytes)
    {
        for (var q = 0; q < 10; q++)
        {
            search(q);
        }

        var latencies = new double[Queries];
        var found = 0;
        for (var q = 0; q < Queries; q++)
        {
            var watch = Stopwatch.StartNew();
            var got = search(q);
            latencies[q] = watch.Elapsed.TotalMilliseconds;
            found += got.Count(m => truth[q].Contains(m.Id));
        }

        Array.Sort(latencies);
        var row = new Dictionary<string, object>
        {
            ["index"] = name,
            ["build_s"] = Math.Round(build, 1),
            ["size_mib"] = Math.Round(bytes / 1048576.0, 0),
            ["p50_ms"] = Math.Round(latencies[Queries / 2], 2),
            ["p95_ms"] = Math.Round(latencies[(int)(Queries * 0.95)], 2),
            ["recall_at_10"] = Math.Round(found / (double)(Queries * K), 3),
        };
        Console.WriteLine(string.Join(", ", row.Select(kv => $"{kv.Key}={kv.Value}")));
        return row;
    }

    /// <summary>An edit of 1,000 chunks in place: remove their ids, add them back with their vectors.</summary>
    private static double Update(FaissIndex index, float[] data, long[] ids, Random random)
    {
        var picked = Enumerable.Range(0, 1000).Select(_ => random.Next(ids.Length)).Distinct().ToArray();
        var vectors = new float[picked.Length * Dimension];
        for (var i = 0; i < picked.Length; i++)
        {
            data.AsSpan(picked[i] * Dimension, Dimension).CopyTo(vectors.AsSpan(i * Dimension));
        }

        var watch = Stopwatch.StartNew();
        index.Remove([.. picked.Select(p => ids[p])]);
        index.Add(vectors, [.. picked.Select(p => ids[p])]);
        return Math.Round(watch.Elapsed.TotalMilliseconds, 1);
    }

    private static (float[] Data, float[] Queries) Clustered(Random random, int count)
    {
        const int Topics = 2000;
        const int SubtopicsPerTopic = 32;
        var topics = new float[Topics * Dimension];
        for (var t = 0; t < Topics; t++)
        {
            Gaussian(random, topics.AsSpan(t * Dimension, Dimension), 1);
            Normalize(topics.AsSpan(t * Dimension, Dimension));
        }

        // Each topic's subtopics sit around it (cosine ~0.8), each chunk around its subtopic (cosine ~0.9).
        var subtopics = new float[Topics * SubtopicsPerTopic * Dimension];
        for (var s = 0; s < Topics * SubtopicsPerTopic; s++)
        {
            var vector = subtopics.AsSpan(s * Dimension, Dimension);
            Gaussian(random, vector, 0.75 / Math.Sqrt(Dimension));
            for (var i = 0; i < Dimension; i++)
            {
                vector[i] += topics[((s / SubtopicsPerTopic) * Dimension) + i];
            }

            Normalize(vector);
        }

        // Zipf(1) over the topics: a few idioms are everywhere, most are rare.
        var cumulative = new double[Topics];
        var sum = 0.0;
        for (var t = 0; t < Topics; t++)
        {
            sum += 1.0 / (t + 1);
            cumulative[t] = sum;
        }

        float[] Draw(int rows)
        {
            var vectors = new float[rows * Dimension];
            for (var row = 0; row < rows; row++)
            {
                var t = Array.BinarySearch(cumulative, random.NextDouble() * sum);
                t = t < 0 ? Math.Min(~t, Topics - 1) : t;
                var s = (t * SubtopicsPerTopic) + random.Next(SubtopicsPerTopic);
                var vector = vectors.AsSpan(row * Dimension, Dimension);
                Gaussian(random, vector, 0.5 / Math.Sqrt(Dimension));
                for (var i = 0; i < Dimension; i++)
                {
                    vector[i] += subtopics[(s * Dimension) + i];
                }

                Normalize(vector);
            }

            return vectors;
        }

        return (Draw(count), Draw(Queries));
    }

    private static void Gaussian(Random random, Span<float> vector, double sigma)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            var u = 1 - random.NextDouble();
            var v = random.NextDouble();
            vector[i] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
        }
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = 0.0;
        foreach (var x in vector)
        {
            norm += x * x;
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}

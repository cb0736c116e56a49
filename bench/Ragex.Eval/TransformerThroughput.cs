using System.Diagnostics;
using Ragex.Core.Embedding;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;

namespace Ragex.Eval;

/// <summary>
/// The transformer tier's throughput at fp32 and int8 in one run, on the same chunk texts (an even sample of an
/// index's chunks), as the daemon's embedder workers run them (batches of the configured size, sorted by length),
/// alternating precisions so that load drifts hit both alike; and how close the int8 vectors are to the fp32 ones.
/// </summary>
public static class TransformerThroughput
{
    public static void Run(string databasePath, string modelsDirectory, int sample, int rounds)
    {
        using var database = IndexDatabase.Open(databasePath, readOnly: true);
        var ids = database.Vectors.All(VectorTier.Static).Select(e => e.Id).ToList();
        var step = Math.Max(1, ids.Count / sample);
        var texts = database.Chunks.ById([.. ids.Where((_, i) => i % step == 0).Take(sample)]).Values.Select(c => c.Text).OrderBy(t => t.Length).ToList();
        var model = EmbeddingModel.Locate(modelsDirectory, EmbedderProvider.DefaultModelId);
        using var float32 = new OnnxEmbedder(model);
        using var int8 = new OnnxEmbedder(model, new EmbedderOptions { Precision = EmbeddingPrecision.Int8 });
        var seconds = new Dictionary<string, List<double>> { ["fp32"] = [], ["int8"] = [] };
        float[][] last32 = [], last8 = [];
        float32.Embed(["warm up"], EmbeddingPurpose.Document);
        int8.Embed(["warm up"], EmbeddingPurpose.Document);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, embedder) in new[] { ("fp32", float32), ("int8", int8) })
            {
                var watch = Stopwatch.StartNew();
                var vectors = texts.Chunk(new EmbedderOptions().BatchSize).SelectMany(batch => embedder.Embed(batch, EmbeddingPurpose.Document)).ToArray();
                seconds[name].Add(watch.Elapsed.TotalSeconds);
                (last32, last8) = name == "fp32" ? (vectors, last8) : (last32, vectors);
            }
        }

        var cosines = last32.Zip(last8, (a, b) => a.Zip(b, (x, y) => x * y).Sum()).ToList();
        foreach (var (name, runs) in seconds)
        {
            var median = runs.Order().ElementAt(runs.Count / 2);
            Console.WriteLine($"{name}: {texts.Count / median:0.0} chunks/s (median of {runs.Count} rounds of {texts.Count} chunks: {string.Join(", ", runs.Select(s => $"{s:0.0} s"))})");
        }

        Console.WriteLine($"int8 vs fp32 cosine: mean {cosines.Average():0.0000}, min {cosines.Min():0.0000}");
    }
}

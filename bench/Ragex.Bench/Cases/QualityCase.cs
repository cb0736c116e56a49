using System.Text.Json;

namespace Ragex.Bench.Cases;

/// <summary>Case 8: retrieval quality from bench/results/eval-stdlib.json (scripts/eval writes it; run it in full mode).</summary>
public static class QualityCase
{
    public static void Add(BenchContext context, string evalJson)
    {
        if (!File.Exists(evalJson))
        {
            context.Log($"no {evalJson}: run scripts/eval");
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(evalJson));
        var age = File.GetLastWriteTimeUtc(evalJson).ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var mode in document.RootElement.GetProperty("modes").EnumerateArray())
        {
            var file = mode.GetProperty("file");
            var exact = mode.GetProperty("exact");
            double Get(JsonElement e, string a, string b) => e.TryGetProperty(a, out var v) ? v.GetDouble() : e.GetProperty(b).GetDouble();
            context.Add(new ResultRow("8 quality", $"{mode.GetProperty("mode").GetString()} file MRR@10", "python3.11 (eval)", "", Distribution.One(Get(file, "MrrAt10", "mrr_at10")))
            {
                Note = $"file R@5 {Get(file, "RecallAt5", "recall_at5"):0.000}, exact MRR@10 {Get(exact, "MrrAt10", "mrr_at10"):0.000}, median {mode.GetProperty("median_ms").GetDouble():0.0} ms; eval-stdlib.json of {age}",
            });
        }
    }
}

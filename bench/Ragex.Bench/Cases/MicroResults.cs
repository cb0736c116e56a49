using System.Text.Json;

namespace Ragex.Bench.Cases;

/// <summary>Reads the BenchmarkDotNet brief JSON reports of Ragex.MicroBench and turns each benchmark into a row.</summary>
public static class MicroResults
{
    public static void Add(BenchContext context, string directory)
    {
        if (!Directory.Exists(directory))
        {
            context.Log($"no micro-benchmark results in {directory}");
            return;
        }

        foreach (var report in Directory.EnumerateFiles(directory, "*-report-brief.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(report));
            foreach (var benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var type = benchmark.GetProperty("Type").GetString()!;
                var parameters = benchmark.TryGetProperty("Parameters", out var p) ? p.GetString() : "";
                var name = $"{type}: {benchmark.GetProperty("MethodTitle").GetString()!.Trim('\'')}{(string.IsNullOrEmpty(parameters) ? "" : $" ({parameters})")}";
                double Ms(string field) => statistics.GetProperty(field).GetDouble() / 1e6;
                var row = new ResultRow("micro", name, "BenchmarkDotNet ShortRun", "ms",
                    new Distribution(Ms("Median"), Ms("Max"), Ms("Min"), Ms("Max"), statistics.GetProperty("N").GetInt32()));
                if (type == "FaissBenchmarks" && parameters?.Contains("100000", StringComparison.Ordinal) == true)
                {
                    row = row with { Goal = "in-daemon semantic <= 25 ms at 100k (FAISS share)", GoalOn = GoalOn.ValueMedianAtMost, GoalLimit = 25 };
                }

                if (type == "EmbedderBenchmarks" && parameters is not null && int.TryParse(parameters.Split('=').Last(), out var texts))
                {
                    row = row with { Note = $"{texts / (Ms("Median") / 1000):0.0} chunks/s" };
                }

                context.Add(row);
            }
        }
    }
}

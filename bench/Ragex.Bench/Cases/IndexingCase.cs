using System.Diagnostics;
using System.Text.Json;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Bench.Cases;

/// <summary>
/// Case 4: indexing. Time to index from empty without embeddings; the full pipeline's chunks/s (embedded /
/// embedding_seconds from `ragex index --json`) against the raw model on the same chunk texts (an even sample of them),
/// in process, in the same run; incremental re-index after one edit and with no change.
/// </summary>
public static class IndexingCase
{
    /// <summary>Texts the raw model embeds: every k-th chunk keeps the length mix and saves re-embedding the whole corpus.</summary>
    private const int RawSampleSize = 4000;

    public static async Task FromEmptyAsync(BenchContext context, string corpusName, string root)
    {
        var wall = new List<double>();
        JsonElement summary = default;
        for (var i = 0; i < Math.Max(2, context.Runs / 2); i++)
        {
            await context.Cli.RemoveAsync(root);
            var (run, json) = await context.Cli.IndexAsync(root, embeddings: false);
            wall.Add(run.Milliseconds / 1000);
            summary = json;
        }

        context.Add(new ResultRow("4 indexing", "from empty, --no-embeddings, wall", corpusName, "s", Distribution.Of(wall))
        {
            Note = $"{summary.GetProperty("files").GetInt32()} files, {summary.GetProperty("symbols").GetInt64()} symbols, {summary.GetProperty("chunks").GetInt64()} chunks",
        });
    }

    /// <summary>
    /// A new user's first command: a new home (no daemon, no index, models found where setup put them), `ragex index`
    /// timed from process start to exit (daemon start included); it returns once the static tier is complete, and then
    /// every mode must answer.
    /// </summary>
    public static async Task NewHomeAsync(BenchContext context, string corpusName, string root, string question, string identifier)
    {
        var wall = new List<double>();
        JsonElement summary = default;
        for (var i = 0; i < Math.Max(2, context.Runs / 2); i++)
        {
            var home = Directory.CreateTempSubdirectory("ragex-new-home-").FullName;
            var cli = new RagexCli(context.Cli.Program, home, modelsDirectory: null);
            try
            {
                var (run, json) = await cli.IndexAsync(root, embeddings: true);
                wall.Add(run.Milliseconds / 1000);
                summary = json;
                foreach (var (query, mode) in new[] { (identifier, "regex"), (identifier, "symbol"), (question, "semantic"), (question, "hybrid"), (question, "keyword") })
                {
                    var search = await cli.CheckedAsync(root, "search", query, "--mode", mode);
                    if (search.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"{mode} search for '{query}' found nothing right after ragex index returned");
                    }
                }
            }
            finally
            {
                await cli.StopAsync();
                Directory.Delete(home, recursive: true);
            }
        }

        context.Add(new ResultRow("4 indexing", "from empty in a new home, daemon start included, every mode searchable, wall", corpusName, "s", Distribution.Of(wall))
        {
            Goal = "<= 15 s",
            GoalOn = GoalOn.ValueMedianAtMost,
            GoalLimit = 15,
            Note = $"{summary.GetProperty("files").GetInt32()} files, {summary.GetProperty("chunks").GetInt64()} chunks, "
                + $"static tier {summary.GetProperty("static_chunks").GetInt64()}, transformer tier continuing: {summary.GetProperty("transformer_continues").GetBoolean()}",
        });
    }

    /// <summary>Indexes <paramref name="root"/> from empty with embeddings, then embeds the same texts with a bare session.</summary>
    public static async Task<long> ThroughputAsync(BenchContext context, string corpusName, string root)
    {
        await context.Cli.RemoveAsync(root);
        context.Rss.Phase = $"embedding {corpusName}";
        var (run, summary) = await context.Cli.IndexAsync(root, embeddings: true, waitForAllTiers: true);
        context.Rss.Phase = "after embedding";
        var embedded = summary.GetProperty("embedded").GetInt32();
        var seconds = summary.GetProperty("embedding_seconds").GetDouble();
        var pipeline = embedded / seconds;
        context.Add(new ResultRow("4 indexing", "from empty with embeddings, wall", corpusName, "s", Distribution.One(run.Milliseconds / 1000))
        {
            Note = $"{embedded} chunks embedded in {seconds:0.0} s",
        });

        var texts = EvenSample(ChunkTexts(context.Cli.Home, root), RawSampleSize);
        using var embedder = new EmbedderProvider(context.Options.ModelsDirectory).CreateSession();
        embedder.Embed(["warm up the session"], EmbeddingPurpose.Document);
        var batch = new EmbedderOptions().BatchSize;
        var watch = Stopwatch.StartNew();
        foreach (var texts4 in texts.OrderBy(t => t.Length).Chunk(batch))
        {
            embedder.Embed(texts4, EmbeddingPurpose.Document);
        }

        var raw = texts.Count / watch.Elapsed.TotalSeconds;
        context.Add(new ResultRow("4 indexing", "pipeline chunks/s (embedded / embedding_seconds)", corpusName, "chunks/s", Distribution.One(pipeline))
        {
            Baseline = Distribution.One(raw),
            BaselineName = $"raw OnnxEmbedder, {texts.Count} of the same texts (every k-th), batches of {batch}, in process",
            Ratio = Distribution.One(pipeline / raw),
            Goal = "pipeline >= 90% of raw model",
            GoalOn = GoalOn.ValueMedianAtLeast,
            GoalLimit = 0.9 * raw,
        });
        return summary.GetProperty("chunks").GetInt64();
    }

    public static async Task IncrementalAsync(BenchContext context, string corpusName, string root, string relativeFile)
    {
        var file = Path.Combine(root, relativeFile);
        var original = await File.ReadAllTextAsync(file);
        var edited = new List<double>();
        var unchanged = new List<double>();
        try
        {
            for (var i = 0; i < context.Runs; i++)
            {
                await File.WriteAllTextAsync(file, original + $"\n\ndef ragex_bench_incremental_{i}():\n    return {i}\n");
                var (run, summary) = await context.Cli.IndexAsync(root, embeddings: false);
                edited.Add(run.Milliseconds);
                var (again, _) = await context.Cli.IndexAsync(root, embeddings: false);
                unchanged.Add(again.Milliseconds);
                _ = summary;
            }
        }
        finally
        {
            await File.WriteAllTextAsync(file, original);
        }

        context.Add(new ResultRow("4 indexing", $"incremental after one edit ({relativeFile}), wall", corpusName, "ms", Distribution.Of(edited)));
        context.Add(new ResultRow("4 indexing", "re-index with no change, wall", corpusName, "ms", Distribution.Of(unchanged)));
    }

    private static List<string> EvenSample(List<string> texts, int size) =>
        texts.Count <= size ? texts : [.. texts.Where((_, i) => i % (texts.Count / size + 1) == 0)];

    private static List<string> ChunkTexts(string home, string root)
    {
        var project = new ProjectRegistry(new RagexHome(home)).Describe(RealPath.Resolve(root));
        using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
        return [.. database.Chunks.ById([.. database.Vectors.All(Ragex.Core.VectorIndex.VectorTier.Transformer).Select(e => e.Id)]).Values.Select(c => c.Text)];
    }
}

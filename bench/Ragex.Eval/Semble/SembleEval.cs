using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;

namespace Ragex.Eval.Semble;

/// <summary>
/// The semble benchmark in process: asks every annotated query of the repositories already indexed in
/// <c>$RAGEX_HOME</c> (by <c>ragex index</c>, as scripts/eval-semble does) and prints NDCG@10 per repository, per
/// category and overall, for one or more ranking variants (<c>--variant "rrf-k=30,keyword-weight=2"</c>), so ranking
/// can be tuned in seconds without re-indexing. The reported numbers come from the real harness.
/// </summary>
public static class SembleEval
{
    private static readonly string[] Categories = ["semantic", "architecture", "symbol"];

    public static async Task RunAsync(string[] args)
    {
        var options = Arguments(args);
        var benchmark = options.GetValueOrDefault("--benchmark") ?? throw new ArgumentException("--benchmark DIR (the folder holding annotations/ and repos.json)");
        var cache = options.GetValueOrDefault("--cache") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ragex-semble");
        var mode = Enum.Parse<SearchMode>(options.GetValueOrDefault("--mode") ?? "auto", ignoreCase: true);
        var only = options.GetValueOrDefault("--only")?.Split(',').ToHashSet();
        var variants = options.GetValueOrDefault("--variant")?.Split(';') ?? [""];

        var repos = SembleAnnotations.Repos(Path.Combine(benchmark, "repos.json"), cache).Where(r => only is null || only.Contains(r.Name)).OrderBy(r => r.Name).ToList();
        var home = RagexHome.FromEnvironment();
        var registry = new ProjectRegistry(home);
        // --tiers: the embedding tiers searched (default both; an index holds whichever were indexed); --precision int8.
        using var embedders = SembleEmbedders.From(options, home);
        using var vectors = new VectorIndexCache();
        foreach (var variant in variants)
        {
            var engine = SearchEngine.Create(registry, embedders, vectors, Ranking(variant));
            var scores = new List<(SembleTask Task, double Score, List<(string, int?, int?)> Hits, double Ms)>();
            foreach (var repo in repos)
            {
                foreach (var task in SembleAnnotations.Tasks(Path.Combine(benchmark, "annotations"), repo.Name))
                {
                    var watch = Stopwatch.StartNew();
                    var reply = await engine.SearchAsync(new SearchRequest(task.Query, mode) { Paths = [repo.IndexDirectory], Limit = Ndcg.K }, repo.IndexDirectory, CancellationToken.None);
                    var hits = reply.Hits.Select(h => (repo.RepoRelative(h.Path), (int?)h.Line, (int?)h.EndLine)).ToList();
                    scores.Add((task, Ndcg.At10(hits, task.Targets), hits, watch.Elapsed.TotalMilliseconds));
                }
            }

            if (options.GetValueOrDefault("--dump") is { } dump)
            {
                File.WriteAllText(dump, JsonSerializer.Serialize(scores.Select(s => new
                {
                    repo = s.Task.Repo, query = s.Task.Query, category = s.Task.Category, ndcg10 = s.Score,
                    targets = s.Task.Targets.Select(t => $"{t.Path}:{t.StartLine}-{t.EndLine}"),
                    hits = s.Hits.Select(h => $"{h.Item1}:{h.Item2}-{h.Item3}"),
                }), new JsonSerializerOptions { WriteIndented = true }));
            }

            Report(variant, scores.Select(s => (s.Task, s.Score)).ToList());
            Console.WriteLine($"median query {scores.Select(s => s.Ms).Order().ElementAt(scores.Count / 2):0.0} ms in process");
        }
    }

    /// <summary>Default ranking with <c>key=value</c> overrides named as in ragex.hocon (kebab-case).</summary>
    public static RankingOptions Ranking(string variant)
    {
        var node = JsonSerializer.SerializeToNode(new RankingOptions())!.AsObject();
        foreach (var setting in variant.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (setting.Split('=')[0].Trim(), setting.Split('=')[1].Trim());
            var property = node.Select(p => p.Key).FirstOrDefault(p => string.Equals(p, key.Replace("-", ""), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"no ranking setting {key}");
            node[property] = JsonNode.Parse(value);
        }

        return node.Deserialize<RankingOptions>()!;
    }

    private static void Report(string variant, List<(SembleTask Task, double Score)> scores)
    {
        Console.WriteLine($"\n## variant: {(variant.Length == 0 ? "defaults" : variant)}");
        var byRepo = scores.GroupBy(s => s.Task.Repo).OrderBy(g => g.Key).ToList();
        Console.WriteLine($"{"repo",-18} {"n",4} {"NDCG@10",8} {"semantic",9} {"architecture",13} {"symbol",7}");
        foreach (var repo in byRepo)
        {
            Console.WriteLine($"{repo.Key,-18} {repo.Count(),4} {repo.Average(s => s.Score),8:0.000}"
                + string.Concat(Categories.Select((c, i) => Cell(repo.Where(s => s.Task.Category == c).Select(s => s.Score).ToList(), i == 1 ? 13 : i == 2 ? 7 : 9))));
        }

        var overall = byRepo.Average(r => r.Average(s => s.Score));
        var perCategory = Categories.Select(c => byRepo.Where(r => r.Any(s => s.Task.Category == c))
            .Select(r => r.Where(s => s.Task.Category == c).Average(s => s.Score)).DefaultIfEmpty(double.NaN).Average()).ToList();
        Console.WriteLine($"OVERALL {overall:0.000}  semantic {perCategory[0]:0.000}  architecture {perCategory[1]:0.000}  symbol {perCategory[2]:0.000}  (per-query mean {scores.Average(s => s.Score):0.000})");
    }

    private static string Cell(List<double> values, int width) =>
        values.Count == 0 ? new string(' ', width - 1) + "-" : values.Average().ToString("0.000").PadLeft(width);

    private static Dictionary<string, string> Arguments(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        return options;
    }
}

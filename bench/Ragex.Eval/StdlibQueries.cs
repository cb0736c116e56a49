using System.Text.Json;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.VectorIndex;
using Ragex.Eval.Semble;
using Ragex.Protocol;

namespace Ragex.Eval;

/// <summary>
/// The stdlib queries against a corpus already indexed in <c>$RAGEX_HOME</c>, for ranking variants: file MRR@10 per
/// mode, without re-indexing (the full run, with indexing and throughput, is the default command).
/// </summary>
public static class StdlibQueries
{
    public static async Task RunAsync(string queriesPath, string tree, string[] variants, IReadOnlyList<SearchMode>? modes = null)
    {
        var queries = File.ReadAllLines(queriesPath).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<EvalQuery>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!)
            .ToList();
        var home = RagexHome.FromEnvironment();
        // RAGEX_EVAL_TIERS: the embedding tiers searched (default both).
        using var embedders = new EmbedderProvider(
            EmbedderProvider.ModelsDirectoryFor(home),
            options: new EmbedderOptions { Precision = Environment.GetEnvironmentVariable("RAGEX_EVAL_PRECISION") == "int8" ? EmbeddingPrecision.Int8 : EmbeddingPrecision.Float32 },
            tiers: EmbeddingTiersSetting.Parse(Environment.GetEnvironmentVariable("RAGEX_EVAL_TIERS") ?? "static+transformer"));
        using var vectors = new VectorIndexCache();
        foreach (var variant in variants)
        {
            var engine = SearchEngine.Create(new ProjectRegistry(home), embedders, vectors, SembleEval.Ranking(variant));
            Console.WriteLine($"## variant: {(variant.Length == 0 ? "defaults" : variant)}");
            foreach (var mode in modes ?? [SearchMode.Keyword, SearchMode.Semantic, SearchMode.Hybrid])
            {
                var ranks = new List<int?>();
                foreach (var query in queries)
                {
                    var reply = await engine.SearchAsync(new SearchRequest(query.Query, mode) { Paths = [tree], Limit = 10 }, tree, CancellationToken.None);
                    var index = reply.Hits.Take(10).ToList().FindIndex(h => h.Path == query.File);
                    ranks.Add(index < 0 ? null : index + 1);
                    if (index != 0 && Environment.GetEnvironmentVariable("RAGEX_EVAL_VERBOSE") is not null)
                    {
                        Console.WriteLine($"  {mode} {query.Id} rank {index + 1} want {query.File}: {string.Join(", ", reply.Hits.Take(4).Select(h => $"{h.Path}:{h.Symbol}"))}");
                    }
                }

                var metrics = RankMetrics.From(ranks);
                Console.WriteLine($"{mode.ToString().ToLowerInvariant(),-9} file R@1 {metrics.RecallAt1:0.000}  R@5 {metrics.RecallAt5:0.000}  R@10 {metrics.RecallAt10:0.000}  MRR@10 {metrics.MrrAt10:0.000}");
            }
        }
    }
}

using System.Diagnostics;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Symbols;

namespace Ragex.Eval.Semble;

/// <summary>
/// Indexes the prepared semble repositories into <c>$RAGEX_HOME</c> in one process (the model loads once), smallest
/// first, and prints each repository's index time; <c>--fresh true</c> removes an existing index first (after a chunking
/// change), <c>--only a,b</c> limits the repositories, <c>--no-embeddings true</c> indexes symbols and text only (keyword search).
/// </summary>
public static class SembleIndex
{
    public static async Task RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        var benchmark = options.GetValueOrDefault("--benchmark") ?? throw new ArgumentException("--benchmark DIR");
        var cache = options.GetValueOrDefault("--cache") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ragex-semble");
        var only = options.GetValueOrDefault("--only")?.Split(',').ToHashSet();
        var fresh = options.GetValueOrDefault("--fresh") == "true";
        var embeddings = options.GetValueOrDefault("--no-embeddings") != "true";
        var home = RagexHome.FromEnvironment();
        var registry = new ProjectRegistry(home);
        // --tiers: the embedding tiers indexed (default both), every one complete before the next repository;
        // --precision int8: the quantized transformer.
        using var embedders = SembleEmbedders.From(options, home);
        var repos = SembleAnnotations.Repos(Path.Combine(benchmark, "repos.json"), cache)
            .Where(r => only is null || only.Contains(r.Name))
            .OrderBy(r => Directory.EnumerateFiles(r.IndexDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length))
            .ToList();
        foreach (var repo in repos)
        {
            if (fresh && registry.Find(repo.IndexDirectory) is { } existing)
            {
                registry.Remove(existing);
            }

            var watch = Stopwatch.StartNew();
            var summary = await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner(), embeddings ? embedders : null, waitForAllTiers: true)
                .IndexAsync(repo.IndexDirectory, null, CancellationToken.None);
            Console.WriteLine($"{repo.Name,-18} {summary.Files,5} files {summary.Chunks,6} chunks {summary.Embedded,6} embedded {watch.Elapsed.TotalSeconds,8:0.0} s");
        }
    }
}

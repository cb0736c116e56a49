using System.Diagnostics;
using System.Text.Json;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;
using Ragex.Eval;
using Ragex.Eval.Semble;
using Ragex.Protocol;

if (args is ["stdlib-queries", var queryFile, var corpusTree, .. var variantArgs])
{
    await StdlibQueries.RunAsync(queryFile, corpusTree, variantArgs.Length > 0 ? variantArgs[0].Split(';') : [""]);
    return;
}

if (args is ["stdlib-keyword", .. var keywordArgs])
{
    // Keyword search alone, in seconds: the corpus indexed into $RAGEX_HOME without embeddings (as `ragex index
    // --no-embeddings`), then keyword and auto mode (auto falls back to keyword without vectors) per ranking variant.
    var keywordOptions = Enumerable.Range(0, keywordArgs.Length / 2).ToDictionary(i => keywordArgs[2 * i], i => keywordArgs[(2 * i) + 1]);
    var keywordTree = Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "eval", "python3.11");
    PrepareCorpus(keywordOptions.GetValueOrDefault("--corpus") ?? "/usr/lib/python3.11", keywordTree);
    var keywordRegistry = new ProjectRegistry(RagexHome.FromEnvironment());
    if (keywordOptions.GetValueOrDefault("--fresh") == "true" && keywordRegistry.Find(keywordTree) is { } stale)
    {
        keywordRegistry.Remove(stale);
    }

    var indexed = await new ProjectIndexer(keywordRegistry, new IndexerOptions(), new CtagsRunner()).IndexAsync(keywordTree, null, CancellationToken.None);
    Console.WriteLine($"index: {indexed.Files} files, {indexed.Chunks} chunks, {indexed.Elapsed.TotalSeconds:0.0} s");
    await StdlibQueries.RunAsync(
        keywordOptions.GetValueOrDefault("--queries") ?? Path.Combine(Directory.GetCurrentDirectory(), "..", "shared", "eval", "python-stdlib-dev.jsonl"),
        keywordTree,
        keywordOptions.GetValueOrDefault("--variant")?.Split(';') ?? [""],
        [SearchMode.Keyword, SearchMode.Auto]);
    return;
}

if (args is ["chunks", var chunkRoot, .. var chunkFiles])
{
    // Debugging aid: the chunks the indexer would make of some files (ctags, inferred extents, chunker).
    var tags = await new CtagsRunner().ExtractAsync(chunkRoot, chunkFiles, CancellationToken.None);
    foreach (var file in chunkFiles)
    {
        var text = File.ReadAllText(Path.Combine(chunkRoot, file));
        var lines = Ragex.Core.Chunking.Chunker.Lines(text);
        var symbols = Ragex.Core.Chunking.DefinitionExtents.Infer(tags[file], lines);
        foreach (var chunk in new Ragex.Core.Chunking.Chunker(new Ragex.Core.Chunking.ChunkerOptions()).Chunk(file, lines, symbols))
        {
            Console.WriteLine($"{file}:{chunk.StartLine}-{chunk.EndLine} {chunk.Kind} {chunk.Symbol} ({chunk.Text.Length} chars)");
        }
    }

    return;
}

if (args is ["transformer-throughput", var databasePath, .. var throughputArgs])
{
    TransformerThroughput.Run(
        databasePath, EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment()),
        throughputArgs.Length > 0 ? int.Parse(throughputArgs[0], System.Globalization.CultureInfo.InvariantCulture) : 400,
        throughputArgs.Length > 1 ? int.Parse(throughputArgs[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

if (args is ["semble-index", ..])
{
    await SembleIndex.RunAsync(args[1..]);
    return;
}

if (args is ["semble", ..])
{
    await SembleEval.RunAsync(args[1..]);
    return;
}

// Retrieval quality on ../shared/eval/python-stdlib-dev.jsonl: indexes a copy of the corpus (test/, idlelib/ and
// lib2to3/tests/ left out by a .ragexignore), asks every query in keyword, semantic and hybrid mode, and reports
// recall@1/5/10 and MRR@10 over files and exact hits, plus index throughput against the raw model throughput.
var repository = args.Length > 0 ? Path.GetFullPath(args[0]) : Directory.GetCurrentDirectory();
var queriesPath = args.Length > 1 ? args[1] : Path.Combine(repository, "..", "shared", "eval", "python-stdlib-dev.jsonl");
var corpus = args.Length > 2 ? args[2] : "/usr/lib/python3.11";
var work = Path.Combine(repository, "artifacts", "eval");
var tree = Path.Combine(work, "python3.11");
var home = new RagexHome(Path.Combine(work, "home"));
var modelsDirectory = EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment());

PrepareCorpus(corpus, tree);
var queries = File.ReadAllLines(queriesPath).Where(l => l.Length > 0)
    .Select(l => JsonSerializer.Deserialize<EvalQuery>(l, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!)
    .ToList();

// RAGEX_EVAL_TIERS: the tiers indexed (default both, the transformer's complete); every combination of them is asked.
// RAGEX_EVAL_PRECISION=int8: the quantized transformer.
var indexedTiers = EmbeddingTiersSetting.Parse(Environment.GetEnvironmentVariable("RAGEX_EVAL_TIERS") ?? "static+transformer");
var precision = new EmbedderOptions { Precision = Environment.GetEnvironmentVariable("RAGEX_EVAL_PRECISION") == "int8" ? EmbeddingPrecision.Int8 : EmbeddingPrecision.Float32 };
using var embedders = new EmbedderProvider(modelsDirectory, options: precision, tiers: indexedTiers);
var (pipelineThroughput, rawThroughput, sampleChunks) = embedders.HasTransformerTier ? await Throughput(tree, work, embedders) : (0, 0, 0);
var registry = new ProjectRegistry(home);
var indexer = new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner(), embedders, waitForAllTiers: true);
var summary = await indexer.IndexAsync(tree, null, CancellationToken.None);
var indexBytes = Directory.EnumerateFiles(summary.Project.DataDirectory).Sum(f => new FileInfo(f).Length);

var definitions = Definitions(summary.Project, queries);
var results = new List<object>();
Console.WriteLine($"| mode | tiers | file R@1 | file R@5 | file R@10 | file MRR@10 | exact R@1 | exact R@5 | exact R@10 | exact MRR@10 | median ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
var searched = new[] { EmbeddingTiers.Static, EmbeddingTiers.Transformer, EmbeddingTiers.StaticAndTransformer }.Where(t => (t & indexedTiers) == t);
foreach (var (mode, tiers) in searched.SelectMany(t => new[] { SearchMode.Semantic, SearchMode.Hybrid }.Select(m => (m, t))).Prepend((SearchMode.Keyword, indexedTiers)))
{
    using var tierEmbedders = new EmbedderProvider(modelsDirectory, options: precision, tiers: tiers);
    using var vectors = new Ragex.Core.VectorIndex.VectorIndexCache();
    var engine = SearchEngine.Create(registry, tierEmbedders, vectors, Ragex.Eval.Semble.SembleEval.Ranking(Environment.GetEnvironmentVariable("RAGEX_EVAL_VARIANT") ?? ""));
    var fileRanks = new List<int?>();
    var exactRanks = new List<int?>();
    var latencies = new List<double>();
    foreach (var query in queries)
    {
        var watch = Stopwatch.StartNew();
        var reply = await engine.SearchAsync(new SearchRequest(query.Query, mode) { Paths = [tree], Limit = 10 }, tree, CancellationToken.None);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        var hits = reply.Hits.Take(10).ToList();
        fileRanks.Add(FirstRank(hits, h => h.Path == query.File));
        var line = definitions.GetValueOrDefault(query.Id);
        exactRanks.Add(FirstRank(hits, h => h.Path == query.File && line is { } l && h.SectionStart <= l && l <= h.EndLine));
    }

    var file = RankMetrics.From(fileRanks);
    var exact = RankMetrics.From(exactRanks);
    var median = latencies.Order().ElementAt(latencies.Count / 2);
    var tierName = mode == SearchMode.Keyword ? "-" : EmbeddingTiersSetting.Format(tiers);
    Console.WriteLine($"| {mode.ToString().ToLowerInvariant()} | {tierName} | {file.RecallAt1:0.000} | {file.RecallAt5:0.000} | {file.RecallAt10:0.000} | {file.MrrAt10:0.000} | {exact.RecallAt1:0.000} | {exact.RecallAt5:0.000} | {exact.RecallAt10:0.000} | {exact.MrrAt10:0.000} | {median:0.0} |");
    results.Add(new { mode = mode.ToString().ToLowerInvariant(), tiers = tierName, file, exact, median_ms = median });
}

Console.WriteLine();
Console.WriteLine($"index: {summary.Files} files, {summary.Chunks} chunks, {summary.Embedded} embedded in this run "
    + $"({summary.EmbeddingTime.TotalSeconds:0.0} s), total {summary.Elapsed.TotalSeconds:0.0} s, {indexBytes / 1048576.0:0.0} MiB on disk");
Console.WriteLine($"throughput on {sampleChunks} chunks of email/ indexed from empty: pipeline {pipelineThroughput:0.0} chunks/s, "
    + $"raw model on the same texts {rawThroughput:0.0} chunks/s = {pipelineThroughput / rawThroughput:P0}");
var report = new
{
    queries = queries.Count,
    model = embedders.ModelId,
    index = new
    {
        files = summary.Files,
        chunks = summary.Chunks,
        embedded = summary.Embedded,
        embedding_seconds = summary.EmbeddingTime.TotalSeconds,
        total_seconds = summary.Elapsed.TotalSeconds,
        throughput_sample_chunks = sampleChunks,
        pipeline_chunks_per_second = pipelineThroughput,
        raw_model_chunks_per_second_same_texts = rawThroughput,
        bytes_on_disk = indexBytes,
    },
    modes = results,
};
var outputPath = Path.Combine(repository, "bench", "results", "eval-stdlib.json");
Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
File.WriteAllText(outputPath, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {outputPath}");

static int? FirstRank(IReadOnlyList<SearchHit> hits, Func<SearchHit, bool> correct)
{
    var index = hits.ToList().FindIndex(h => correct(h));
    return index < 0 ? null : index + 1;
}

static void PrepareCorpus(string source, string destination)
{
    var marker = Path.Combine(destination, ".ragexignore");
    if (File.Exists(marker))
    {
        return;
    }

    foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
    {
        var target = Path.Combine(destination, Path.GetRelativePath(source, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target, overwrite: true);
    }

    File.WriteAllText(marker, "# the evaluation leaves these out, as its README asks\ntest/\nidlelib/\nlib2to3/tests/\n");
}

static Dictionary<string, int> Definitions(Project project, IReadOnlyList<EvalQuery> queries)
{
    using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
    var lines = new Dictionary<string, int>();
    foreach (var query in queries)
    {
        var definition = database.Symbols.Find(query.Symbol, prefix: false)
            .Where(s => s.Path == query.File && s.Symbol.Name == query.Symbol)
            .OrderBy(s => s.Symbol.Scope is null ? 0 : 1)
            .FirstOrDefault();
        if (definition is not null)
        {
            lines[query.Id] = definition.Symbol.Line;
        }
    }

    return lines;
}

// Indexes one package from empty with embeddings (the pipeline: walk, ctags, chunking, embedding, SQLite, FAISS),
// then embeds exactly the same chunk texts with the bare embedder in the same batch size: the ratio is the pipeline's
// efficiency against the raw model on this machine, measured in one run.
static async Task<(double Pipeline, double Raw, int Chunks)> Throughput(string tree, string work, EmbedderProvider embedders)
{
    var sampleHome = new RagexHome(Path.Combine(work, "throughput-home"));
    if (Directory.Exists(sampleHome.Directory))
    {
        Directory.Delete(sampleHome.Directory, recursive: true);
    }

    embedders.Embedder.Embed(["warm up the session"], EmbeddingPurpose.Document);
    var options = new IndexerOptions();
    var sample = await new ProjectIndexer(new ProjectRegistry(sampleHome), options, new CtagsRunner(), embedders)
        .IndexAsync(Path.Combine(tree, "email"), null, CancellationToken.None);
    using var database = IndexDatabase.Open(sample.Project.DatabasePath, readOnly: true);
    var texts = database.Chunks.ById([.. database.Vectors.All(Ragex.Core.VectorIndex.VectorTier.Transformer).Select(e => e.Id)]).Values.Select(c => c.Text).ToList();
    var watch = Stopwatch.StartNew();
    foreach (var batch in texts.OrderBy(t => t.Length).Chunk(options.EmbeddingBatchSize))
    {
        embedders.Embedder.Embed(batch, EmbeddingPurpose.Document);
    }

    var raw = texts.Count / watch.Elapsed.TotalSeconds;
    return (sample.Embedded / sample.Elapsed.TotalSeconds, raw, texts.Count);
}

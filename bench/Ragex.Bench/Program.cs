using Ragex.Bench;
using Ragex.Bench.Cases;

// The benchmark suite of scripts/bench: runs every case against the published CLI and its daemon on a private
// RAGEX_HOME, next to the tool a user would pick instead, and writes bench/results/latest.json and latest.md.
// Usage: Ragex.Bench --repo DIR --cache DIR [--quick] [--micro DIR]
var options = BenchOptions.Parse(args);
var started = DateTimeOffset.UtcNow;
var watch = System.Diagnostics.Stopwatch.StartNew();
var home = Path.Combine(options.Cache, "home");
var cli = new RagexCli(options.RagexProgram, home, options.ModelsDirectory);
await cli.StopAsync();
if (Directory.Exists(home))
{
    Directory.Delete(home, recursive: true);
}

var corpora = Corpora.Prepare(options.Cache, includeKernel: !options.Quick);
await using var rss = new RssSampler(cli.DaemonPid, TimeSpan.FromMilliseconds(500));
var context = new BenchContext(options, corpora, cli, rss);

// The live and cold cases search the stdlib: the stdlib and embedding groups index it; without them, it is indexed once.
var stdlibIndexed = options.Runs("stdlib") || options.Runs("embedding");
async Task EnsureStdlibIndexedAsync()
{
    if (!stdlibIndexed)
    {
        await cli.IndexAsync(corpora.Stdlib, embeddings: false);
        stdlibIndexed = true;
    }
}

context.Extra["note"] = "Ratios are per pair in the same run; the machine is shared and has 2 cores.";
try
{
    if (options.ClientOnly)
    {
        await ClientCasesAsync(context, corpora);
        return;
    }

    if (options.Runs("stdlib"))
    {
        context.Log("case 4: stdlib from empty without embeddings");
        rss.Phase = "indexing stdlib";
        await IndexingCase.NewHomeAsync(context, "python3.11", corpora.Stdlib, "split a URL into its parts", "urlparse");
        await IndexingCase.FromEmptyAsync(context, "python3.11", corpora.Stdlib);
        await IndexingCase.IncrementalAsync(context, "python3.11", corpora.Stdlib, "json/decoder.py");

        context.Log("case 1 and 2: regex and symbol on the stdlib");
        rss.Phase = "searching";
        await RegexCase.RunAsync(context, "python3.11", corpora.Stdlib, RegexCase.Python);
        await SymbolCase.RunAsync(context, "python3.11", corpora.Stdlib, SymbolCase.PythonNames, SymbolCase.PythonBaseline);
    }

    if (options.Runs("embedding"))
    {
        var semanticName = options.Quick ? "python3.11 json+email+http" : "python3.11";
        var semanticRoot = options.Quick ? corpora.Subset : corpora.Stdlib;
        context.Log($"case 4: {semanticName} from empty with embeddings, and the raw model");
        var chunks = await IndexingCase.ThroughputAsync(context, semanticName, semanticRoot);

        context.Log("case 3: semantic and hybrid latency");
        rss.Phase = "semantic queries";
        await SemanticCase.RunAsync(context, semanticName, semanticRoot, chunks);
    }

    if (options.Runs("live"))
    {
        context.Log("case 5: live reindex");
        rss.Phase = "live reindex";
        await EnsureStdlibIndexedAsync();

        await LiveReindexCase.RunAsync(context, "python3.11", corpora.Stdlib, 50);
    }

    if (corpora.Kernel is { } kernel && options.Runs("kernel"))
    {
        context.Log("kernel: index --no-embeddings, regex, symbol");
        rss.Phase = "indexing kernel";
        var (run, summary) = await cli.IndexAsync(kernel, embeddings: false);
        context.Add(new ResultRow("4 indexing", "from empty, --no-embeddings, wall", "linux-6.1", "s", Distribution.One(run.Milliseconds / 1000))
        {
            Note = $"{summary.GetProperty("files").GetInt32()} files, {summary.GetProperty("symbols").GetInt64()} symbols, {summary.GetProperty("chunks").GetInt64()} chunks",
        });
        rss.Phase = "searching kernel";
        await RegexCase.RunAsync(context, "linux-6.1", kernel, RegexCase.Kernel);
        await SymbolCase.RunAsync(context, "linux-6.1", kernel, SymbolCase.KernelNames, SymbolCase.CBaseline);
    }

    if (options.Runs("generated"))
    {
        context.Log("case 7: generated 20k-file tree, then RSS");
        rss.Phase = "indexing generated tree";
        var (generated, _) = await cli.IndexAsync(corpora.Generated, embeddings: false);
        context.Add(new ResultRow("4 indexing", "from empty, --no-embeddings, wall", "generated 20k files", "s", Distribution.One(generated.Milliseconds / 1000)));
        rss.Phase = "idle";
        await RssCase.SteadyAsync(context, corpora.Kernel is null ? 3 : 4);
        await RssCase.PeakWhileEmbeddingAsync(context, "generated 20k files", corpora.Generated, TimeSpan.FromSeconds(options.Quick ? 60 : 300));
    }

    if (options.Runs("cold"))
    {
        context.Log("case 6: cold start");
        rss.Phase = "cold start";
        await EnsureStdlibIndexedAsync();

        await ColdStartCase.RunAsync(context, "python3.11", corpora.Stdlib, "urlparse");
        await WarmSearchCase.RunAsync(context, "python3.11", corpora.Stdlib, "urlparse");
    }

    RssCase.RunPeak(context);
}
finally
{
    await cli.StopAsync();
    if (options.MicroResults is { } micro)
    {
        MicroResults.Add(context, micro);
    }

    if (!options.ClientOnly && options.Cases is null)
    {
        QualityCase.Add(context, Path.Combine(options.Repository, "bench", "results", "eval-stdlib.json"));
    }

    Report.Write(context, Path.Combine(options.Repository, "bench", "results"), started, watch.Elapsed);
    context.Log($"wrote bench/results/{options.ReportName}.json and {options.ReportName}.md in {watch.Elapsed.TotalMinutes:0.0} min");
}

// --cli: what a user feels of the client, on the stdlib indexed without embeddings (a few seconds to prepare).
static async Task ClientCasesAsync(BenchContext context, Corpora corpora)
{
    context.Log("client: stdlib without embeddings; warm symbol and regex searches; cold start; warm urlparse");
    await context.Cli.IndexAsync(corpora.Stdlib, embeddings: false);
    await SymbolCase.RunAsync(context, "python3.11", corpora.Stdlib, SymbolCase.PythonNames, SymbolCase.PythonBaseline);
    await RegexCase.RunAsync(context, "python3.11", corpora.Stdlib, RegexCase.Python);
    await ColdStartCase.RunAsync(context, "python3.11", corpora.Stdlib, "urlparse");
    await WarmSearchCase.RunAsync(context, "python3.11", corpora.Stdlib, "urlparse");
}

using System.Diagnostics;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Symbols;
using Ragex.Core.VectorIndex;
using Ragex.Core.Walk;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Indexing;

/// <summary>
/// Brings a project's index up to date in process (the CLI's direct mode; the daemon runs the same stages as actors):
/// plan, parse changed files in parallel ctags batches (each chunk with its static vector), each batch committed
/// atomically, then complete the static tier and its vector index. With <c>waitForAllTiers</c> it then embeds every
/// chunk without a transformer vector (so an interrupted run resumes where it stopped) and rebuilds that index; without
/// it, the transformer tier is left to the daemon or to a later run.
/// </summary>
public sealed class ProjectIndexer(
    ProjectRegistry registry, IndexerOptions options, CtagsRunner ctags, EmbedderProvider? embedders = null, bool waitForAllTiers = false)
{
    public async Task<IndexSummary> IndexAsync(string root, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var project = registry.Register(root);
        using var writer = IndexWriter.Open(project);
        var plan = new IndexPlanner(options.Walk).Plan(project, writer.LoadFiles(), progress);
        writer.Prepare(plan);
        var stages = IndexStages.None with { Walk = started.Elapsed.TotalSeconds };
        var staticTier = embedders is { HasStaticTier: true } ? embedders.Static : null;
        var (parsed, parsing) = await ParseAsync(writer, plan, staticTier, progress, cancellationToken);
        var completing = Stopwatch.StartNew();
        writer.CompleteScan(plan, embeddings: embedders is not null, staticTier, cancellationToken);
        stages = stages.Plus(parsing) with { Completion = completing.Elapsed.TotalSeconds };

        // Nothing runs after this process: the merge the daemon's writer does in the background is done here.
        while (writer.KeywordIndexToMerge && writer.MergeKeywordIndex())
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var transformer = embedders is { HasTransformerTier: true };
        var embedding = Stopwatch.StartNew();
        var embedded = transformer && waitForAllTiers ? EmbedPending(writer, embedders!, progress, cancellationToken) : 0;
        var counts = writer.Counts();
        return new IndexSummary(
            project, (int)counts.Files, parsed.Count, plan.Touched.Count, plan.Deleted.Count, counts.Symbols, plan.Statistics.Skipped, parsed, started.Elapsed)
        {
            Chunks = counts.Chunks,
            EmbeddedChunks = counts.EmbeddedChunks,
            StaticChunks = counts.StaticChunks,
            Embedded = embedded,
            EmbeddingTime = embedding.Elapsed,
            EmbeddingModel = embedders?.ModelId,
            Stages = stages,
        };
    }

    private int EmbedPending(IndexWriter writer, EmbedderProvider embedders, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        writer.UseModel(embedders.VectorsId);
        var total = (int)writer.CountPendingChunks();
        var done = 0;
        progress?.Report(new IndexProgress(IndexPhase.Embedding, 0, total));
        for (var page = writer.PendingChunks(-1, EmbeddingSlices.PageSize); page.Count > 0; page = writer.PendingChunks(page[^1].Id, EmbeddingSlices.PageSize))
        {
            foreach (var slice in EmbeddingSlices.Of(page, options.EmbeddingBatchSize))
            {
                var vectors = embedders.Embedder.Embed([.. slice.Select(c => c.Text)], EmbeddingPurpose.Document, cancellationToken);
                writer.StoreEmbeddings([.. slice.Select(c => c.Id)], vectors);
                done += slice.Length;
                progress?.Report(new IndexProgress(IndexPhase.Embedding, done, total));
            }
        }

        writer.RefreshVectors(VectorTier.Transformer, embedders.Embedder.Dimension);
        return done;
    }

    /// <returns>The parsed paths, and the seconds of ctags, chunking, static vectors and storing them.</returns>
    private async Task<(List<string> Parsed, IndexStages Stages)> ParseAsync(
        IndexWriter writer, IndexPlan plan, StaticEmbedder? staticTier, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var parser = new FileParser(ctags, options.Chunking, staticTier is null ? null : () => staticTier);
        var parsed = new List<string>();
        var writeLock = new Lock();
        var stages = IndexStages.None;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
        progress?.Report(new IndexProgress(IndexPhase.Parsing, 0, plan.Changed.Count));
        await Parallel.ForEachAsync(ParseBatches.Of(plan.Changed, options), parallel, async (files, token) =>
        {
            var batch = await parser.ParseAsync(writer.Project, files, token);
            lock (writeLock)
            {
                var storing = Stopwatch.GetTimestamp();
                writer.Store(batch.Files);
                stages = stages.Plus(batch.Stages) with { Store = stages.Store + Stopwatch.GetElapsedTime(storing).TotalSeconds };
                Record(batch, plan.Statistics, parsed);
                progress?.Report(new IndexProgress(IndexPhase.Parsing, parsed.Count, plan.Changed.Count));
            }
        });

        parsed.Sort(StringComparer.Ordinal);
        return (parsed, stages);
    }

    /// <summary>Adds a batch's parsed paths to <paramref name="parsed"/> and counts the files ctags failed on.</summary>
    public static void Record(ParsedFiles batch, WalkStatistics statistics, List<string> parsed)
    {
        parsed.AddRange(batch.Files.Select(f => f.File.Path));
        foreach (var _ in batch.Failed)
        {
            statistics.Skip(SkipReason.SymbolExtractionFailed);
        }
    }
}

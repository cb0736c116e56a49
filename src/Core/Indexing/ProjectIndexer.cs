using System.Diagnostics;
using System.Globalization;
using Ragex.Core.Chunking;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;
using Ragex.Core.VectorIndex;
using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

/// <summary>
/// Brings a project's index up to date with its tree: files whose size and mtime are unchanged are trusted; others
/// are hashed, and only those whose content changed are re-parsed by ctags and re-chunked. Each batch commits
/// atomically. Then, when an embedder is given, every chunk without a vector is embedded (so an interrupted run
/// resumes where it stopped) and the project's vector index is rebuilt from the database.
/// </summary>
public sealed class ProjectIndexer(ProjectRegistry registry, IndexerOptions options, CtagsRunner ctags, EmbedderProvider? embedders = null)
{
    private const int EmbeddingPageSize = 1024;

    private readonly Chunker chunker = new(options.Chunking);

    public async Task<IndexSummary> IndexAsync(string root, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var project = registry.Register(root);
        using var database = IndexDatabase.Open(project.DatabasePath);
        var known = database.LoadFiles();
        var statistics = new WalkStatistics();
        var plan = Plan(project, known, statistics, progress);

        var parsed = await ParseAsync(project, database, plan.Changed, statistics, progress, cancellationToken);
        using (var batch = database.BeginBatch())
        {
            foreach (var file in plan.Touched)
            {
                batch.UpdateStat(file);
            }

            foreach (var path in plan.Deleted)
            {
                batch.DeleteFile(path);
            }

            batch.SetMeta(MetaKeys.LastIndexed, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            if (parsed.Count > 0 || plan.Deleted.Count > 0)
            {
                batch.SetMeta(MetaKeys.VectorsVersion, Guid.NewGuid().ToString("N"));
            }

            batch.Commit();
        }

        RipgrepIgnoreFile.Write(project.RipgrepIgnorePath, project.Root, statistics.RagexIgnoreFiles);
        var embedding = Stopwatch.StartNew();
        var (model, embedded) = embedders is null ? (null, 0) : EmbedPending(project, database, embedders, progress, cancellationToken);
        return new IndexSummary(
            project,
            (int)database.CountFiles(),
            parsed.Count,
            plan.Touched.Count,
            plan.Deleted.Count,
            database.CountSymbols(),
            statistics.Skipped,
            parsed,
            started.Elapsed)
        {
            Chunks = database.CountChunks(),
            EmbeddedChunks = database.CountEmbeddedChunks(),
            Embedded = embedded,
            EmbeddingTime = embedding.Elapsed,
            EmbeddingModel = model,
        };
    }

    private (string Model, int Embedded) EmbedPending(
        Project project, IndexDatabase database, EmbedderProvider embedders, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var modelId = embedders.ModelId;
        if (database.GetMeta(MetaKeys.EmbeddingModel) != modelId)
        {
            using var reset = database.BeginBatch();
            reset.ClearEmbeddings();
            reset.SetMeta(MetaKeys.EmbeddingModel, modelId);
            reset.Commit();
        }

        var total = (int)database.CountPendingChunks();
        var model = total > 0 || !ProjectVectors.IsCurrent(project, database) ? embedders.IndexingEmbedder : null;
        var done = 0;
        progress?.Report(new IndexProgress("embedding", 0, total));
        for (var page = database.PendingChunks(limit: EmbeddingPageSize); page.Count > 0; page = database.PendingChunks(page[^1].Id, EmbeddingPageSize))
        {
            // Within a page, similar lengths go together so each batch pads little.
            foreach (var slice in page.OrderBy(c => c.Text.Length).Chunk(options.EmbeddingBatchSize))
            {
                var vectors = model!.Embed([.. slice.Select(c => c.Text)], EmbeddingPurpose.Document, cancellationToken);
                using var batch = database.BeginBatch();
                batch.SetEmbeddings([.. slice.Select(c => c.Id)], vectors);
                batch.SetMeta(MetaKeys.VectorsVersion, Guid.NewGuid().ToString("N"));
                batch.Commit();
                done += slice.Length;
                progress?.Report(new IndexProgress("embedding", done, total));
            }
        }

        if (model is not null && !ProjectVectors.IsCurrent(project, database))
        {
            ProjectVectors.Rebuild(project, database, model.Dimension);
        }

        return (modelId, done);
    }

    private IndexPlan Plan(Project project, Dictionary<string, FileRecord> known, WalkStatistics statistics, IProgress<IndexProgress>? progress)
    {
        var plan = new IndexPlan();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new FileWalker(options.Walk).Walk(project.Root, statistics))
        {
            known.TryGetValue(file.RelativePath, out var previous);
            if (previous is not null && previous.Size == file.Size && previous.MtimeTicks == file.MtimeTicks)
            {
                seen.Add(file.RelativePath);
                continue;
            }

            (string Sha256, bool IsBinary) content;
            try
            {
                content = FileContent.Inspect(file.FullPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                statistics.Skip(SkipReason.Unreadable);
                continue;
            }

            if (content.IsBinary)
            {
                statistics.Skip(SkipReason.Binary);
                continue;
            }

            seen.Add(file.RelativePath);
            var record = new FileRecord(file.RelativePath, file.Size, file.MtimeTicks, content.Sha256);
            if (previous?.Sha256 == content.Sha256)
            {
                plan.Touched.Add(record);
            }
            else
            {
                plan.Changed.Add(record);
            }

            progress?.Report(new IndexProgress("scanning", plan.Changed.Count, 0));
        }

        plan.Deleted.AddRange(known.Keys.Where(path => !seen.Contains(path)));
        return plan;
    }

    private async Task<List<string>> ParseAsync(
        Project project,
        IndexDatabase database,
        List<FileRecord> changed,
        WalkStatistics statistics,
        IProgress<IndexProgress>? progress,
        CancellationToken cancellationToken)
    {
        var parsed = new List<string>();
        var writeLock = new Lock();
        var batches = changed.Chunk(options.CtagsBatchSize).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
        progress?.Report(new IndexProgress("parsing", 0, changed.Count));
        await Parallel.ForEachAsync(batches, parallel, async (files, token) =>
        {
            Dictionary<string, List<SymbolRecord>> symbols;
            try
            {
                symbols = await ctags.ExtractAsync(project.Root, [.. files.Select(f => f.Path)], token);
            }
            catch (CtagsException)
            {
                foreach (var _ in files)
                {
                    statistics.Skip(SkipReason.SymbolExtractionFailed);
                }

                return;
            }

            lock (writeLock)
            {
                using var batch = database.BeginBatch();
                foreach (var file in files)
                {
                    var content = ReadText(project, file.Path);
                    batch.ReplaceFile(file, symbols[file.Path], chunker.Chunk(file.Path, content, symbols[file.Path]));
                }

                batch.Commit();
                parsed.AddRange(files.Select(f => f.Path));
                progress?.Report(new IndexProgress("parsing", parsed.Count, changed.Count));
            }
        });

        parsed.Sort(StringComparer.Ordinal);
        return parsed;
    }

    private static string ReadText(Project project, string relativePath)
    {
        try
        {
            return File.ReadAllText(Path.Combine(project.Root, relativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private sealed class IndexPlan
    {
        public List<FileRecord> Changed { get; } = [];

        public List<FileRecord> Touched { get; } = [];

        public List<string> Deleted { get; } = [];
    }
}

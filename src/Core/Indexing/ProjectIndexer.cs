using System.Globalization;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;
using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

/// <summary>
/// Brings a project's index up to date with its tree: files whose size and mtime are unchanged are trusted; others
/// are hashed, and only those whose content changed are re-parsed by ctags. Each ctags batch commits atomically.
/// </summary>
public sealed class ProjectIndexer(ProjectRegistry registry, IndexerOptions options, CtagsRunner ctags)
{
    public async Task<IndexSummary> IndexAsync(string root, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
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
            batch.Commit();
        }

        RipgrepIgnoreFile.Write(project.RipgrepIgnorePath, project.Root, statistics.RagexIgnoreFiles);
        return new IndexSummary(
            project,
            (int)database.CountFiles(),
            parsed.Count,
            plan.Touched.Count,
            plan.Deleted.Count,
            database.CountSymbols(),
            statistics.Skipped,
            parsed,
            started.Elapsed);
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
                    batch.ReplaceFile(file, symbols[file.Path]);
                }

                batch.Commit();
                parsed.AddRange(files.Select(f => f.Path));
                progress?.Report(new IndexProgress("parsing", parsed.Count, changed.Count));
            }
        });

        parsed.Sort(StringComparer.Ordinal);
        return parsed;
    }

    private sealed class IndexPlan
    {
        public List<FileRecord> Changed { get; } = [];

        public List<FileRecord> Touched { get; } = [];

        public List<string> Deleted { get; } = [];
    }
}

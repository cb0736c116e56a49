using Ragex.Core.Ignore;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Walk;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Indexing;

/// <summary>
/// Compares the tree with the index: files whose size and mtime are unchanged are trusted; the others are hashed (on
/// every core: a first index reads and hashes the whole tree), and only those whose content changed are planned for
/// re-parsing.
/// </summary>
public sealed class IndexPlanner(WalkOptions walk)
{
    public IndexPlan Plan(Project project, IReadOnlyDictionary<string, FileRecord> known, IProgress<IndexProgress>? progress)
    {
        var plan = new IndexPlan();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var examined = new FileWalker(walk).Walk(project.Root, plan.Statistics)
            .AsParallel().AsOrdered()
            .Select(file => Examine(file, known, plan.Statistics));
        foreach (var file in examined)
        {
            if (Add(file, plan))
            {
                seen.Add(file.Path);
            }

            progress?.Report(new IndexProgress(IndexPhase.Scanning, plan.Changed.Count, 0));
        }

        plan.Deleted.AddRange(known.Keys.Where(path => !seen.Contains(path)));
        return plan;
    }

    /// <summary>
    /// Plans only <paramref name="paths"/>, each a file that changed, appeared or went away (a path that is gone also
    /// removes the indexed files under it, as a deleted directory does); <paramref name="known"/> needs to hold no
    /// more than the index's records of those paths and what is under them. Null when a path is a directory that exists: only
    /// a walk can tell what changed inside it.
    /// </summary>
    public IndexPlan? PlanPaths(Project project, IReadOnlyCollection<string> paths, IReadOnlyDictionary<string, FileRecord> known)
    {
        var plan = new IndexPlan { Partial = true };
        var walker = new FileWalker(walk);
        var rules = new Dictionary<string, IgnoreRules>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var fullPath = Path.Combine(project.Root, path);
            if (Directory.Exists(fullPath))
            {
                return null;
            }

            if (walker.Describe(project.Root, path, rules, plan.Statistics) is { } file && Add(Examine(file, known, plan.Statistics), plan))
            {
                present.Add(path);
            }
        }

        var asked = paths.ToHashSet(StringComparer.Ordinal);
        plan.Deleted.AddRange(known.Keys.Where(path => !present.Contains(path) && IsAtOrUnder(path, asked)));
        return plan;
    }

    private static bool IsAtOrUnder(string path, HashSet<string> paths)
    {
        for (var at = path; at.Length > 0; at = at.LastIndexOf('/') is var slash and >= 0 ? at[..slash] : "")
        {
            if (paths.Contains(at))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A walked file against its record: unchanged by its stat, skipped, or read and hashed.</summary>
    private static Examined Examine(WalkedFile file, IReadOnlyDictionary<string, FileRecord> known, WalkStatistics statistics)
    {
        known.TryGetValue(file.RelativePath, out var previous);
        if (previous is not null && previous.Size == file.Size && previous.MtimeTicks == file.MtimeTicks)
        {
            return new Examined(file.RelativePath, Kept: true, Record: null, ContentUnchanged: true);
        }

        if (Inspect(file, statistics) is not { } sha256)
        {
            return new Examined(file.RelativePath, Kept: false, Record: null, ContentUnchanged: false);
        }

        var record = new FileRecord(file.RelativePath, file.Size, file.MtimeTicks, sha256);
        return new Examined(file.RelativePath, Kept: true, record, ContentUnchanged: previous?.Sha256 == sha256);
    }

    /// <summary>Adds an examined file to the plan when its content changed or only its stat did; false if it is skipped.</summary>
    private static bool Add(Examined file, IndexPlan plan)
    {
        plan.Examined++;
        if (file.Record is not null)
        {
            (file.ContentUnchanged ? plan.Touched : plan.Changed).Add(file.Record);
        }

        return file.Kept;
    }

    /// <param name="Record">The file's new record, when its stat changed and it is kept.</param>
    private readonly record struct Examined(string Path, bool Kept, FileRecord? Record, bool ContentUnchanged);

    /// <summary>The content hash of a text file; null (and counted as skipped) for an unreadable or binary one.</summary>
    private static string? Inspect(WalkedFile file, WalkStatistics statistics)
    {
        try
        {
            var (sha256, isBinary) = FileContent.Inspect(file.FullPath);
            if (!isBinary)
            {
                return sha256;
            }

            statistics.Skip(SkipReason.Binary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            statistics.Skip(SkipReason.Unreadable);
        }

        return null;
    }
}

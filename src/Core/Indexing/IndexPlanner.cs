using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

/// <summary>
/// Compares the tree with the index: files whose size and mtime are unchanged are trusted; the others are hashed, and
/// only those whose content changed are planned for re-parsing.
/// </summary>
public sealed class IndexPlanner(WalkOptions walk)
{
    public IndexPlan Plan(Project project, IReadOnlyDictionary<string, FileRecord> known, IProgress<IndexProgress>? progress)
    {
        var plan = new IndexPlan();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new FileWalker(walk).Walk(project.Root, plan.Statistics))
        {
            known.TryGetValue(file.RelativePath, out var previous);
            if (previous is not null && previous.Size == file.Size && previous.MtimeTicks == file.MtimeTicks)
            {
                seen.Add(file.RelativePath);
                continue;
            }

            if (Inspect(file, plan.Statistics) is not { } sha256)
            {
                continue;
            }

            seen.Add(file.RelativePath);
            var record = new FileRecord(file.RelativePath, file.Size, file.MtimeTicks, sha256);
            (previous?.Sha256 == sha256 ? plan.Touched : plan.Changed).Add(record);
            progress?.Report(new IndexProgress("scanning", plan.Changed.Count, 0));
        }

        plan.Deleted.AddRange(known.Keys.Where(path => !seen.Contains(path)));
        return plan;
    }

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

using Ragex.Core.Storage;
using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

/// <summary>
/// What a run must do to bring the index up to date with the tree: files whose content changed (re-parse), files
/// only touched (same content, new size or mtime: update the stat), and paths no longer in the tree (delete).
/// </summary>
public sealed class IndexPlan
{
    public List<FileRecord> Changed { get; } = [];

    public List<FileRecord> Touched { get; } = [];

    public List<string> Deleted { get; } = [];

    /// <summary>What the walk skipped, and the .ragexignore files it met.</summary>
    public WalkStatistics Statistics { get; } = new();
}

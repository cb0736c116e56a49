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

    /// <summary>
    /// Planned from a list of changed paths rather than a walk of the whole tree: the .ragexignore files it met are
    /// not all of the tree's, so rg's ignore file is left as it is.
    /// </summary>
    public bool Partial { get; init; }

    /// <summary>Files whose size and mtime the planner looked at: the whole tree for a walk, the changed paths otherwise.</summary>
    public int Examined { get; set; }
}

using Ragex.Protocol.Daemon;

namespace Ragex.Core.Indexing;

/// <summary>
/// A batch of files parsed together (one ctags process). When ctags fails on the batch, <see cref="Files"/> is empty
/// and <see cref="Failed"/> holds their paths: they stay out of the index and are counted as skipped.
/// </summary>
public sealed record ParsedFiles(IReadOnlyList<ParsedFile> Files, IReadOnlyList<string> Failed)
{
    /// <summary>The batch's ctags, chunking and static vector seconds.</summary>
    public IndexStages Stages { get; init; } = IndexStages.None;
}

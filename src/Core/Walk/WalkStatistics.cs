using System.Collections.Concurrent;

namespace Ragex.Core.Walk;

/// <summary>
/// Counts of skipped paths by reason, plus what ripgrep must be told to see the same files: the .ragexignore files met
/// and the files over the size limit.
/// </summary>
public sealed class WalkStatistics
{
    private readonly ConcurrentDictionary<SkipReason, int> skipped = new();
    private readonly ConcurrentQueue<string> tooLargeFiles = new();

    public List<string> RagexIgnoreFiles { get; } = [];

    /// <summary>The relative paths of the files skipped as <see cref="SkipReason.TooLarge"/>.</summary>
    public IReadOnlyCollection<string> TooLargeFiles => tooLargeFiles;

    public IReadOnlyDictionary<SkipReason, int> Skipped => skipped;

    public int TotalSkipped => skipped.Values.Sum();

    public void Skip(SkipReason reason) => skipped.AddOrUpdate(reason, 1, (_, count) => count + 1);

    public void SkipTooLarge(string relativePath)
    {
        Skip(SkipReason.TooLarge);
        tooLargeFiles.Enqueue(relativePath);
    }
}

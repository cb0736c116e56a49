using System.Collections.Concurrent;

namespace Ragex.Core.Walk;

/// <summary>Counts of skipped paths by reason, plus the .ragexignore files met (ripgrep needs them passed in).</summary>
public sealed class WalkStatistics
{
    private readonly ConcurrentDictionary<SkipReason, int> skipped = new();

    public List<string> RagexIgnoreFiles { get; } = [];

    public IReadOnlyDictionary<SkipReason, int> Skipped => skipped;

    public int TotalSkipped => skipped.Values.Sum();

    public void Skip(SkipReason reason) => skipped.AddOrUpdate(reason, 1, (_, count) => count + 1);
}

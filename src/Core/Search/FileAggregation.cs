namespace Ragex.Core.Search;

/// <summary>
/// Orders ranked chunks by file: a file scores its best chunk plus a share of its next few (a file that answers in
/// several places is a better answer), files come in that order with at most <c>hitsPerFile</c> chunks each, and every
/// other chunk follows in score order.
/// </summary>
public static class FileAggregation
{
    public static List<RankedChunk> Order(IReadOnlyList<RankedChunk> scored, double siblingWeight, int hitsPerFile, int siblingsCounted = 2)
    {
        var files = scored
            .GroupBy(c => c.Chunk.Path, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(c => c.Score).ThenBy(c => c.Chunk.StartLine).ToList())
            .Select(chunks => (Chunks: chunks, Score: chunks[0].Score + (siblingWeight * chunks.Skip(1).Take(siblingsCounted).Sum(c => c.Score))))
            .OrderByDescending(f => f.Score)
            .ThenBy(f => f.Chunks[0].Chunk.Path, StringComparer.Ordinal)
            .ToList();
        var head = files.SelectMany(f => f.Chunks.Take(hitsPerFile).Select(c => c with { Score = f.Score })).ToList();
        var tail = files.SelectMany(f => f.Chunks.Skip(hitsPerFile)).OrderByDescending(c => c.Score).ThenBy(c => c.Chunk.Path, StringComparer.Ordinal);
        return NonIncreasing([.. head, .. tail]);
    }

    /// <summary>Scores lowered where needed so they never rise down the list (hits of several projects merge by score).</summary>
    private static List<RankedChunk> NonIncreasing(List<RankedChunk> ordered)
    {
        var ceiling = double.MaxValue;
        for (var i = 0; i < ordered.Count; i++)
        {
            ceiling = Math.Min(ceiling, ordered[i].Score);
            ordered[i] = ordered[i] with { Score = ceiling };
        }

        return ordered;
    }
}

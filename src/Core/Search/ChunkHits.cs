using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>Turns ranked chunk ids into hits, applying the request's path, glob, type and kind filters.</summary>
public static class ChunkHits
{
    public static List<SearchHit> From(
        IReadOnlyList<(long Id, double Score)> ranked,
        IndexDatabase database,
        SearchScope scope,
        SearchRequest request,
        PathFilter filter,
        SearchMode mode)
    {
        var chunks = database.ChunksById([.. ranked.Select(r => r.Id)]);
        var hits = new List<SearchHit>();
        foreach (var (id, score) in ranked)
        {
            if (!chunks.TryGetValue(id, out var chunk) || !scope.Covers(chunk.Path) || (!filter.IsEmpty && !filter.Matches(chunk.Path))
                || (request.Kinds.Count > 0 && !request.Kinds.Contains(chunk.Kind, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            hits.Add(new SearchHit(
                scope.Project.Root, chunk.Path, chunk.StartLine, 1, chunk.EndLine, chunk.Kind, chunk.Symbol, Preview(chunk.Text), Math.Round(score, 4), mode));
        }

        return hits;
    }

    /// <summary>The first non-blank line of code (the chunk's text starts with a context line, skipped here).</summary>
    public static string Preview(string chunkText)
    {
        var code = chunkText.AsSpan(chunkText.IndexOf('\n') + 1);
        foreach (var line in code.EnumerateLines())
        {
            if (!line.IsWhiteSpace())
            {
                return line.Trim().ToString();
            }
        }

        return "";
    }

    /// <summary>
    /// Keeps the ranking but lets at most <paramref name="perFile"/> hits of one file into the head of the list; the
    /// rest follow, still in rank order, so one long file cannot fill the top 10.
    /// </summary>
    public static List<SearchHit> Diversify(IReadOnlyList<SearchHit> ranked, int perFile)
    {
        var counts = new Dictionary<(string, string), int>();
        var head = new List<SearchHit>();
        var tail = new List<SearchHit>();
        foreach (var hit in ranked)
        {
            var key = (hit.Root, hit.Path);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            (counts[key] <= perFile ? head : tail).Add(hit);
        }

        return [.. head, .. tail];
    }
}

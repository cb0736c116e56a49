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
        var chunks = Load(ranked, database, scope, request, filter);
        return ToHits(ranked.Where(r => chunks.ContainsKey(r.Id)).Select(r => new RankedChunk(chunks[r.Id], r.Score)), scope, request, mode);
    }

    /// <summary>The ranked chunks that pass the request's scope, path, glob, type and kind filters.</summary>
    public static Dictionary<long, StoredChunk> Load(
        IReadOnlyList<(long Id, double Score)> ranked, IndexDatabase database, SearchScope scope, SearchRequest request, PathFilter filter) =>
        database.ChunksById([.. ranked.Select(r => r.Id)])
            .Where(c => scope.Covers(c.Value.Path) && (filter.IsEmpty || filter.Matches(c.Value.Path))
                && (request.Kinds.Count == 0 || request.Kinds.Contains(c.Value.Kind, StringComparer.OrdinalIgnoreCase)))
            .ToDictionary();

    /// <summary>Each chunk as a hit at the line that answers the request's query (<see cref="ChunkAnswers"/>).</summary>
    public static List<SearchHit> ToHits(IEnumerable<RankedChunk> ranked, SearchScope scope, SearchRequest request, SearchMode mode)
    {
        var answers = new ChunkAnswers(scope, request, mode);
        return [.. ranked.Select(answers.ToHit)];
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

using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>Turns ranked chunk ids into hits, applying the request's path, glob, type and kind filters.</summary>
public static class ChunkHits
{
    /// <summary>The ranked chunks that pass the request's scope, path, glob, type and kind filters.</summary>
    public static Dictionary<long, StoredChunk> Load(
        IReadOnlyList<(long Id, double Score)> ranked, IndexDatabase database, SearchScope scope, SearchRequest request, PathFilter filter) =>
        database.Chunks.ById([.. ranked.Select(r => r.Id)])
            .Where(c => scope.Covers(c.Value.Path) && (filter.IsEmpty || filter.Matches(c.Value.Path))
                && (request.Kinds.Count == 0 || request.Kinds.Contains(c.Value.Kind, StringComparer.OrdinalIgnoreCase)))
            .ToDictionary();

    /// <summary>
    /// Each chunk as a hit; the first <paramref name="answered"/> (those the reply will show) at the line that answers
    /// the query (<see cref="ChunkAnswers"/>), the others at their first line: a search ranks a few hundred chunks and
    /// reading each one's lines for the answer costs as much as the search.
    /// </summary>
    public static List<SearchHit> ToHits(IEnumerable<RankedChunk> ranked, SearchScope scope, SearchRequest request, SearchMode mode, int answered)
    {
        var answers = new ChunkAnswers(scope, request, mode);
        return [.. ranked.Select((r, i) => i < answered ? answers.ToHit(r) : answers.ToFirstLineHit(r))];
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
    public static List<SearchHit> Diversify(IReadOnlyList<SearchHit> ranked, int perFile) => Diversify(ranked, perFile, h => (h.Root, h.Path));

    /// <summary><see cref="Diversify(IReadOnlyList{SearchHit}, int)"/> over anything that belongs to a file.</summary>
    public static List<T> Diversify<T>(IReadOnlyList<T> ranked, int perFile, Func<T, (string Root, string Path)> fileOf)
    {
        var counts = new Dictionary<(string, string), int>();
        var head = new List<T>();
        var tail = new List<T>();
        foreach (var item in ranked)
        {
            var key = fileOf(item);
            counts[key] = counts.GetValueOrDefault(key) + 1;
            (counts[key] <= perFile ? head : tail).Add(item);
        }

        return [.. head, .. tail];
    }
}

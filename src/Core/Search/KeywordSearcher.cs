using System.Diagnostics;
using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// BM25 (SQLite FTS5) over chunk text, symbol names and identifier words, re-ranked by <see cref="ChunkRanker"/>
/// (symbol and file-name matches, definitions, file roles, grouping by file) as hybrid search is.
/// </summary>
public sealed class KeywordSearcher(RipgrepFileTypes fileTypes, RankingOptions ranking) : ISearcher
{
    /// <summary>Past this many words a question's queries that each leave one word out cost more than they save.</summary>
    private const int MaxTermsForAllButOne = 8;

    /// <summary>
    /// When the query over every word took this long (a large index), the queries that each leave one word out run
    /// two at a time. Kernel: 2-5 ms a query, 22-25 -> 18.5 ms for four of them; stdlib: under a millisecond a query,
    /// where a second connection cost more than it saved (2.7 -> 8.3 ms).
    /// </summary>
    private static readonly TimeSpan SplitFrom = TimeSpan.FromMilliseconds(2);

    private readonly ChunkRanker ranker = new(ranking.ForKeyword());

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var ranked = Rank(scope, database, request.Query, ranking.KeywordCandidatesFor(scope));
        var chunks = ChunkHits.Load(ranked, database, scope, request, new PathFilter(request, fileTypes));
        var outlines = ranker.Outlines(database, chunks.Values, request.Query);
        return Task.FromResult<IReadOnlyList<SearchHit>>(ChunkHits.ToHits(ranker.Rank(ranked, chunks, request.Query, outlines), scope, request, SearchMode.Keyword, ranking.HitsShown(request)));
    }

    /// <summary>Chunk ids by descending BM25, as many as hybrid fusion takes from each retriever.</summary>
    public IReadOnlyList<(long Id, double Score)> Rank(SearchScope scope, IndexDatabase database, string query) =>
        Rank(scope, database, query, ranking.CandidatesFor(scope));

    /// <summary>
    /// The best <paramref name="limit"/> chunks by BM25. FTS5 scores every chunk the query matches, and on a large tree
    /// common words match most of it ("page fault handler" on the kernel: 91,067 chunks, 78 ms). So the chunks that
    /// hold every word are the candidates when they are enough (329 there, 7 ms); else, from three words on, the chunks
    /// that hold all words but one; else every chunk holding any word, as FTS5 alone would rank them.
    /// </summary>
    private List<(long Id, double Score)> Rank(SearchScope scope, IndexDatabase database, string query, int limit)
    {
        var terms = KeywordQuery.Terms(query);
        if (terms.Count == 0)
        {
            return [];
        }

        var documents = DocumentCounts(database, terms);
        List<(long Id, double Score)> Search(IndexDatabase connection, IReadOnlyList<string> asked, string operation) =>
            connection.Chunks.KeywordSearch(
                KeywordQuery.ToFts(asked, operation), ranking.SymbolNameWeight, ranking.IdentifierWordsWeight, ranking.PathWordsWeight, limit,
                documents is null ? null : [.. asked.Select(term => documents[term])]);

        if (terms.Count > 1)
        {
            var started = Stopwatch.GetTimestamp();
            var everyWord = Search(database, terms, "AND");
            if (everyWord.Count >= limit)
            {
                return everyWord;
            }

            var split = Stopwatch.GetElapsedTime(started) >= SplitFrom;
            if (terms.Count is >= 3 and <= MaxTermsForAllButOne
                && AllButOneWord(scope, database, terms, everyWord, limit, split, (connection, asked) => Search(connection, asked, "AND")) is var allButOne
                && allButOne.Count >= limit)
            {
                return allButOne;
            }
        }

        return Search(database, terms, "OR");
    }

    /// <summary>
    /// How many chunks hold each word, counted once for all the queries of a search (BM25 weighs a word by it); null
    /// when the index's SQLite counts them itself for every query.
    /// </summary>
    private static Dictionary<string, long>? DocumentCounts(IndexDatabase database, IReadOnlyList<string> terms) =>
        database.Chunks.TakesDocumentCounts
            ? terms.Distinct(StringComparer.Ordinal).ToDictionary(term => term, term => database.Chunks.DocumentsMatching(KeywordQuery.ToFts([term], "AND")), StringComparer.Ordinal)
            : null;

    /// <summary>
    /// The chunks holding all of <paramref name="terms"/> but at most one, with their BM25 over all the terms. BM25
    /// adds one positive share per term a chunk holds, so a chunk's best score across the queries that each leave one
    /// term out (or leave none out) is its score for the whole question; and a chunk cut from one of those queries' top
    /// <paramref name="limit"/> has that many chunks above it in the whole question's order too. When
    /// <paramref name="split"/>, the second half of the queries runs on a connection of its own beside the first.
    /// </summary>
    private List<(long Id, double Score)> AllButOneWord(
        SearchScope scope, IndexDatabase database, IReadOnlyList<string> terms, List<(long Id, double Score)> everyWord, int limit, bool split,
        Func<IndexDatabase, IReadOnlyList<string>, List<(long Id, double Score)>> allOf)
    {
        var found = new List<(long Id, double Score)>[terms.Count];
        void LeaveOut(IndexDatabase connection, int from, int to)
        {
            for (var left = from; left < to; left++)
            {
                found[left] = allOf(connection, [.. terms.Where((_, index) => index != left)]);
            }
        }

        if (split)
        {
            // Parallel.Invoke runs a half itself when no other thread takes it: a search never waits for the pool.
            var half = terms.Count / 2;
            Parallel.Invoke(
                () => LeaveOut(database, 0, half),
                () =>
                {
                    using var own = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
                    LeaveOut(own, half, terms.Count);
                });
        }
        else
        {
            LeaveOut(database, 0, terms.Count);
        }

        var best = everyWord.ToDictionary(hit => hit.Id, hit => hit.Score);
        foreach (var (id, score) in found.SelectMany(hits => hits))
        {
            best[id] = Math.Max(score, best.GetValueOrDefault(id));
        }

        return [.. best.OrderByDescending(hit => hit.Value).ThenBy(hit => hit.Key).Take(limit).Select(hit => (hit.Key, hit.Value))];
    }
}

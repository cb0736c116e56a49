using Ragex.Core.VectorIndex;

namespace Ragex.Core.Storage;

/// <summary>Reads of the <c>chunks</c> table and its keyword index (<c>chunks_fts</c>), each chunk with the path of its file.</summary>
public sealed class ChunkQueries
{
    private readonly IndexCommands commands;

    internal ChunkQueries(IndexCommands commands) => this.commands = commands;

    public long Count() => commands.Scalar("SELECT count(*) FROM chunks");

    /// <summary>All chunks minus the transformer tier's pending ones: both counts use an index, no chunk row (or blob) is read.</summary>
    public long CountEmbedded() => Count() - CountPending(VectorTier.Transformer);

    /// <summary>Chunks with a static vector: every chunk once the static tier of a run is complete.</summary>
    public long CountStatic() => Count() - CountPending(VectorTier.Static);

    /// <summary>Chunks without a vector of the tier (a partial index each: chunks_pending, chunks_static_pending).</summary>
    public long CountPending(VectorTier tier) => commands.Scalar($"SELECT count(*) FROM chunks WHERE {tier.Column} IS NULL");

    /// <summary>
    /// Up to <paramref name="limit"/> chunks still waiting for a vector of the tier with ids above
    /// <paramref name="afterId"/>, in id order (a page of the tier's partial index, so memory stays bounded however
    /// large the tree).
    /// </summary>
    public List<(long Id, string Text)> Pending(VectorTier tier, long afterId = -1, int limit = int.MaxValue)
    {
        using var command = commands.Command(
            $"SELECT id, text FROM chunks WHERE {tier.Column} IS NULL AND id > $after ORDER BY id LIMIT $limit", ("$after", afterId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var pending = new List<(long, string)>();
        while (reader.Read())
        {
            pending.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return pending;
    }

    public Dictionary<long, StoredChunk> ById(IReadOnlyCollection<long> ids)
    {
        var chunks = new Dictionary<long, StoredChunk>();
        if (ids.Count == 0)
        {
            return chunks;
        }

        using var command = commands.Command(
            "SELECT c.id, f.path, c.start_line, c.end_line, c.symbol, c.kind, c.text FROM chunks c JOIN files f ON f.id = c.file_id WHERE c.id IN ("
            + string.Join(',', ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var chunk = new StoredChunk(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6));
            chunks[chunk.Id] = chunk;
        }

        return chunks;
    }

    /// <summary>The line span, symbol and kind of every chunk of one file, without their text.</summary>
    public List<StoredChunk> SpansInFile(string path)
    {
        using var command = commands.Command(
            "SELECT c.id, f.path, c.start_line, c.end_line, c.symbol, c.kind FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = $path ORDER BY c.start_line",
            ("$path", path));
        using var reader = command.ExecuteReader();
        var chunks = new List<StoredChunk>();
        while (reader.Read())
        {
            chunks.Add(new StoredChunk(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? "" : reader.GetString(5), ""));
        }

        return chunks;
    }

    /// <summary>Whether <see cref="KeywordSearch"/> uses given counts of each phrase's chunks (false: this SQLite counts them itself).</summary>
    public bool TakesDocumentCounts => commands.HasGivenCountsBm25;

    /// <summary>How many chunks the keyword query matches (one word: the count BM25's weight of the word comes from).</summary>
    public long DocumentsMatching(string ftsQuery) => commands.Scalar("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH $query", ("$query", ftsQuery));

    /// <summary>
    /// BM25 over the chunk's symbol name, its text, the words of its compound identifiers and the words of its file's
    /// path (weighted <paramref name="symbolWeight"/>, 1, <paramref name="wordsWeight"/> and <paramref name="pathWeight"/>),
    /// best first; <paramref name="ftsQuery"/> is an FTS5 MATCH expression. Scores are negated bm25, higher is better.
    /// (An index older than a column has fewer; FTS5 ignores the extra weights.)
    /// </summary>
    public List<(long Id, double Score)> KeywordSearch(
        string ftsQuery, double symbolWeight, double wordsWeight, double pathWeight, int limit, IReadOnlyList<long>? phraseDocuments = null)
    {
        // With each phrase's count of matching chunks given (in the query's order), FTS5 need not count them again.
        var counted = phraseDocuments is not null && TakesDocumentCounts;
        var counts = counted ? phraseDocuments!.Select((count, i) => (Name: $"$d{i}", Value: (object)count)).ToArray() : [];
        var function = counted ? $"{GivenCountsBm25.Name}(chunks_fts, $symbolWeight, 1.0, $wordsWeight, $pathWeight, {string.Join(", ", counts.Select(c => c.Name))})"
            : "bm25(chunks_fts, $symbolWeight, 1.0, $wordsWeight, $pathWeight)";
        using var command = commands.Command(
            $"SELECT rowid, -{function} AS score FROM chunks_fts WHERE chunks_fts MATCH $query ORDER BY score DESC LIMIT $limit",
            [
                ("$query", ftsQuery),
                ("$symbolWeight", symbolWeight),
                ("$wordsWeight", wordsWeight),
                ("$pathWeight", pathWeight),
                ("$limit", limit),
                .. counts,
            ]);
        using var reader = command.ExecuteReader();
        var hits = new List<(long, double)>();
        while (reader.Read())
        {
            hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return hits;
    }
}

using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>
/// One project's SQLite database (WAL). It is the source of truth for files, symbols and chunks. Writes go through
/// <see cref="BeginBatch"/> so each batch commits atomically or not at all.
/// </summary>
public sealed class IndexDatabase : IDisposable
{
    private readonly SqliteConnection connection;

    /// <summary>The index writer's SQLite page cache (KiB); readers keep SQLite's default.</summary>
    public const int WriterCacheKib = 64 * 1024;

    private IndexDatabase(SqliteConnection connection) => this.connection = connection;

    /// <summary>
    /// Opens for writing. The index is derived data: a file SQLite cannot read as a database (corrupt, or not one at
    /// all) is moved aside with its WAL (<c>index.db.broken-UTC</c>, recorded in <see cref="MetaKeys.MovedAside"/>)
    /// and a new one is created, for the files to be indexed again. Any other failure (permissions, a full disk) is
    /// thrown.
    /// </summary>
    public static IndexDatabase OpenForWriting(string path)
    {
        try
        {
            return Open(path);
        }
        catch (RagexException e) when (e.InnerException is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase })
        {
            var movedAside = $"{path}.broken-{DateTime.UtcNow:yyyyMMddTHHmmss}";
            File.Move(path, movedAside);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Move(path + suffix, movedAside + suffix);
                }
            }

            var database = Open(path);
            database.SetMeta(MetaKeys.MovedAside, movedAside);
            return database;
        }
    }

    public void RemoveMeta(string key)
    {
        using var command = Command("DELETE FROM meta WHERE key = $key", ("$key", key));
        command.ExecuteNonQuery();
    }

    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    public static IndexDatabase Open(string path, bool readOnly = false)
    {
        if (readOnly && !File.Exists(path))
        {
            throw new RagexException($"{path}: index database not found");
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var database = new IndexDatabase(connection);
            database.Execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
            if (!readOnly)
            {
                // The writer's page cache holds the hot B-tree pages of a large index (name and file indexes take random
                // inserts); SQLite's default of 2 MiB made every batch re-read and rewrite them. Checkpoints (each with
                // an fsync) every 32 MiB of WAL rather than 4.
                database.Execute(
                    $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{WriterCacheKib}; PRAGMA wal_autocheckpoint = 8192;");
                database.Migrate();
                database.EndBulkLoad();
            }
            else
            {
                database.EnsureReadableVersion();
            }

            return database;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new RagexException($"{path}: unreadable index database ({e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>Whether runs nobody asked for (watcher, restart) embed: false after an index with --no-embeddings.</summary>
    public static bool EmbeddingsWanted(string path) => !File.Exists(path) || ReadMeta(path, MetaKeys.Embeddings) != "off";

    /// <summary>The project root recorded in a database, or null if it is not a Ragex index.</summary>
    public static string? ReadRoot(string path) => ReadMeta(path, MetaKeys.Root);

    /// <summary>One meta value of a database, or null if it has none or is not a Ragex index.</summary>
    private static string? ReadMeta(string path, string key)
    {
        try
        {
            using var database = Open(path, readOnly: true);
            return database.GetMeta(key);
        }
        catch (RagexException)
        {
            return null;
        }
    }

    public string? GetMeta(string key)
    {
        using var command = Command("SELECT value FROM meta WHERE key = $key", ("$key", key));
        return command.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var command = Command(
            "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$key", key),
            ("$value", value));
        command.ExecuteNonQuery();
    }

    public Dictionary<string, FileRecord> LoadFiles()
    {
        var files = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
        using var command = Command("SELECT path, size, mtime, sha256 FROM files");
        ReadFiles(command, files);
        return files;
    }

    /// <summary>The records of <paramref name="paths"/> and of the files under them (a path may name a directory); the path index answers each.</summary>
    public Dictionary<string, FileRecord> LoadFiles(IReadOnlyCollection<string> paths)
    {
        var files = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
        using var command = Command(
            "SELECT path, size, mtime, sha256 FROM files WHERE path = $path OR (path > $path || '/' AND path < $path || '0')", ("$path", ""));
        foreach (var path in paths)
        {
            command.Parameters["$path"].Value = path;
            ReadFiles(command, files);
        }

        return files;
    }

    private static void ReadFiles(SqliteCommand command, Dictionary<string, FileRecord> files)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files[reader.GetString(0)] = new FileRecord(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }
    }

    public IndexBatch BeginBatch() => new(connection, connection.BeginTransaction());

    /// <summary>Stores that follow go in bulk until <see cref="EndBulkLoad"/> (<see cref="BulkLoad"/>); keyword and name lookups lag meanwhile.</summary>
    public void BeginBulkLoad()
    {
        if (GetMeta(BulkLoad.MetaKey) is not null)
        {
            return;
        }

        using var batch = BeginBatch();
        batch.Execute(BulkLoad.Drop);
        batch.SetMeta(BulkLoad.MetaKey, "on");
        batch.Commit();
    }

    /// <summary>The definitions of every table, index and trigger, by name.</summary>
    public List<string> Schema() => Strings("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");

    /// <summary>Rebuilds what a bulk load dropped, if one is in progress (or was left by a killed process).</summary>
    public void EndBulkLoad()
    {
        if (GetMeta(BulkLoad.MetaKey) is null)
        {
            return;
        }

        using var batch = BeginBatch();
        batch.Execute(BulkLoad.Restore);
        batch.Execute($"DELETE FROM meta WHERE key = '{BulkLoad.MetaKey}'");
        batch.Commit();
    }

    public long CountFiles() => Scalar("SELECT count(*) FROM files");

    public long CountSymbols() => Scalar("SELECT count(*) FROM symbols");

    /// <summary>Symbols whose name equals <paramref name="name"/> ignoring ASCII case, or starts with it when <paramref name="prefix"/>.</summary>
    public List<StoredSymbol> FindSymbols(string name, bool prefix)
    {
        var sql = prefix
            ? "SELECT f.path, s.name, s.kind, s.line, s.end_line, s.signature, s.scope, s.scope_kind, s.language, s.preview FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.name LIKE $pattern ESCAPE '\\'"
            : "SELECT f.path, s.name, s.kind, s.line, s.end_line, s.signature, s.scope, s.scope_kind, s.language, s.preview FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.name = $name COLLATE NOCASE";
        using var command = prefix
            ? Command(sql, ("$pattern", EscapeLike(name) + "%"))
            : Command(sql, ("$name", name));
        return ReadSymbols(command);
    }

    public List<StoredSymbol> FindSymbolsByNames(IReadOnlyCollection<string> names)
    {
        var found = new List<StoredSymbol>();
        foreach (var name in names)
        {
            using var command = Command(
                "SELECT f.path, s.name, s.kind, s.line, s.end_line, s.signature, s.scope, s.scope_kind, s.language, s.preview FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.name = $name",
                ("$name", name));
            found.AddRange(ReadSymbols(command));
        }

        return found;
    }

    /// <summary>Every symbol of one file (path relative to the project root).</summary>
    public List<StoredSymbol> SymbolsInFile(string path)
    {
        using var command = Command(
            "SELECT f.path, s.name, s.kind, s.line, s.end_line, s.signature, s.scope, s.scope_kind, s.language, s.preview FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = $path",
            ("$path", path));
        return ReadSymbols(command);
    }

    /// <summary>The line span, symbol and kind of every chunk of one file, without their text.</summary>
    public List<StoredChunk> ChunkSpansInFile(string path)
    {
        using var command = Command(
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

    /// <summary>Whether the file (path relative to the project root) is in the index.</summary>
    public bool HasFile(string path) => Scalar("SELECT count(*) FROM files WHERE path = $path", ("$path", path)) > 0;

    /// <summary>The names defined in each of the given files (paths relative to the project root).</summary>
    public Dictionary<string, List<string>> SymbolNamesByPath(IReadOnlyCollection<string> paths)
    {
        var names = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            using var command = Command("SELECT s.name FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = $path", ("$path", path));
            using var reader = command.ExecuteReader();
            var list = new List<string>();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            names[path] = list;
        }

        return names;
    }

    public List<string> DistinctSymbolNames() => Strings("SELECT DISTINCT name FROM symbols");

    /// <summary>The first column of every row of a query that returns text.</summary>
    private List<string> Strings(string sql)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public long CountChunks() => Scalar("SELECT count(*) FROM chunks");

    /// <summary>All chunks minus the transformer tier's pending ones: both counts use an index, no chunk row (or blob) is read.</summary>
    public long CountEmbeddedChunks() => CountChunks() - CountPendingChunks(VectorIndex.VectorTier.Transformer);

    /// <summary>Chunks with a static vector: every chunk once the static tier of a run is complete.</summary>
    public long CountStaticChunks() => CountChunks() - CountPendingChunks(VectorIndex.VectorTier.Static);

    /// <summary>Chunks without a vector of the tier (a partial index each: chunks_pending, chunks_static_pending).</summary>
    public long CountPendingChunks(VectorIndex.VectorTier tier) => Scalar($"SELECT count(*) FROM chunks WHERE {tier.Column} IS NULL");

    /// <summary>
    /// Up to <paramref name="limit"/> chunks still waiting for a vector of the tier with ids above
    /// <paramref name="afterId"/>, in id order (a page of the tier's partial index, so memory stays bounded however
    /// large the tree).
    /// </summary>
    public List<(long Id, string Text)> PendingChunks(VectorIndex.VectorTier tier, long afterId = -1, int limit = int.MaxValue)
    {
        using var command = Command(
            $"SELECT id, text FROM chunks WHERE {tier.Column} IS NULL AND id > $after ORDER BY id LIMIT $limit", ("$after", afterId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var pending = new List<(long, string)>();
        while (reader.Read())
        {
            pending.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return pending;
    }

    /// <summary>
    /// Every stored vector of one tier in id order, for rebuilding its vector index (keyword-only chunks hold none).
    /// </summary>
    public IEnumerable<(long Id, float[] Vector)> Embeddings(VectorIndex.VectorTier tier) =>
        QueryEmbeddings($"SELECT id, {tier.Column} FROM chunks WHERE length({tier.Column}) > 0 ORDER BY id");

    /// <summary>The stored vectors of one tier for these chunk ids (ids without one are left out).</summary>
    public IEnumerable<(long Id, float[] Vector)> EmbeddingsOf(VectorIndex.VectorTier tier, IReadOnlyCollection<long> ids) =>
        QueryEmbeddings(
            $"SELECT id, {tier.Column} FROM chunks WHERE id IN (SELECT value FROM json_each($ids)) AND length({tier.Column}) > 0",
            ("$ids", "[" + string.Join(',', ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]"));

    /// <summary>
    /// About <paramref name="size"/> of the tier's <paramref name="count"/> stored vectors, spread over the whole index:
    /// a multiplicative hash of the id picks them (what an IVF index trains on).
    /// </summary>
    public IEnumerable<float[]> SampleEmbeddings(VectorIndex.VectorTier tier, int size, long count)
    {
        const long Buckets = 1 << 20;
        var threshold = count <= size ? Buckets : Math.Max(1, Buckets * size / count);
        using var command = Command(
            $"SELECT {tier.Column} FROM chunks WHERE length({tier.Column}) > 0 AND ((id * 2654435761) & {Buckets - 1}) < $threshold",
            ("$threshold", threshold));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return EmbeddingBlob.ToVector((byte[])reader.GetValue(0));
        }
    }

    /// <summary>
    /// The vector change log's high-water mark: the sequence of the last committed vector change of any tier (0 for
    /// none). Read from sqlite_sequence, one row, so a search can check it every time.
    /// </summary>
    public long VectorSequence() => Scalar("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'vector_changes'), 0)");

    /// <summary>The highest sequence pruned from the tier's change log: a copy of the index older than it cannot catch up by replay.</summary>
    public long VectorLogPruned(VectorIndex.VectorTier tier) =>
        long.TryParse(GetMeta(MetaKeys.VectorLogPrunedPrefix + tier.Name), System.Globalization.CultureInfo.InvariantCulture, out var pruned) ? pruned : 0;

    /// <summary>How many distinct chunks of the tier changed in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public long CountVectorChanges(VectorIndex.VectorTier tier, long after, long upTo) =>
        Scalar(
            "SELECT count(DISTINCT chunk_id) FROM vector_changes WHERE tier = $tier AND seq > $after AND seq <= $upTo",
            ("$tier", tier.LogId),
            ("$after", after),
            ("$upTo", upTo));

    /// <summary>The distinct chunks whose vector of the tier changed in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public List<long> VectorChanges(VectorIndex.VectorTier tier, long after, long upTo)
    {
        using var command = Command(
            "SELECT DISTINCT chunk_id FROM vector_changes WHERE tier = $tier AND seq > $after AND seq <= $upTo",
            ("$tier", tier.LogId),
            ("$after", after),
            ("$upTo", upTo));
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// The current vectors of the chunks changed in (<paramref name="after"/>, <paramref name="upTo"/>] that still
    /// have one (a chunk deleted or cleared since has none, and only leaves the index).
    /// </summary>
    public IEnumerable<(long Id, float[] Vector)> ChangedEmbeddings(VectorIndex.VectorTier tier, long after, long upTo) =>
        QueryEmbeddings(
            $"SELECT id, {tier.Column} FROM chunks WHERE id IN (SELECT chunk_id FROM vector_changes WHERE tier = $tier AND seq > $after AND seq <= $upTo) AND length({tier.Column}) > 0",
            ("$tier", tier.LogId),
            ("$after", after),
            ("$upTo", upTo));

    /// <summary>(chunk id, vector) rows of a query that selects an id and an embedding blob, read as they are enumerated.</summary>
    private IEnumerable<(long Id, float[] Vector)> QueryEmbeddings(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), EmbeddingBlob.ToVector((byte[])reader.GetValue(1)));
        }
    }

    /// <summary>
    /// Forgets the tier's changes up to <paramref name="upTo"/>, which a snapshot on disk now covers, and records
    /// the mark so that an older copy of the index knows it must reload the snapshot.
    /// </summary>
    public void PruneVectorChanges(VectorIndex.VectorTier tier, long upTo)
    {
        using var transaction = connection.BeginTransaction();
        using (var delete = Command(
            """
            DELETE FROM vector_changes WHERE tier = $tier AND seq <= $upTo;
            INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            """,
            ("$tier", tier.LogId),
            ("$upTo", upTo),
            ("$key", MetaKeys.VectorLogPrunedPrefix + tier.Name),
            ("$value", upTo.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            delete.Transaction = transaction;
            delete.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public Dictionary<long, StoredChunk> ChunksById(IReadOnlyCollection<long> ids)
    {
        var chunks = new Dictionary<long, StoredChunk>();
        if (ids.Count == 0)
        {
            return chunks;
        }

        using var command = Command(
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

    /// <summary>
    /// BM25 over the chunk's symbol name, its text, the words of its compound identifiers and the words of its file's
    /// path (weighted <paramref name="symbolWeight"/>, 1, <paramref name="wordsWeight"/> and <paramref name="pathWeight"/>),
    /// best first; <paramref name="ftsQuery"/> is an FTS5 MATCH expression. Scores are negated bm25, higher is better.
    /// (An index older than a column has fewer; FTS5 ignores the extra weights.)
    /// </summary>
    public List<(long Id, double Score)> KeywordSearch(string ftsQuery, double symbolWeight, double wordsWeight, double pathWeight, int limit)
    {
        using var command = Command(
            "SELECT rowid, -bm25(chunks_fts, $symbolWeight, 1.0, $wordsWeight, $pathWeight) AS score FROM chunks_fts WHERE chunks_fts MATCH $query ORDER BY score DESC LIMIT $limit",
            ("$query", ftsQuery),
            ("$symbolWeight", symbolWeight),
            ("$wordsWeight", wordsWeight),
            ("$pathWeight", pathWeight),
            ("$limit", limit));
        using var reader = command.ExecuteReader();
        var hits = new List<(long, double)>();
        while (reader.Read())
        {
            hits.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return hits;
    }

    public void Dispose() => connection.Dispose();

    private static List<StoredSymbol> ReadSymbols(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var symbols = new List<StoredSymbol>();
        while (reader.Read())
        {
            symbols.Add(new StoredSymbol(
                reader.GetString(0),
                new SymbolRecord(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetString(9))));
        }

        return symbols;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        var version = CurrentVersion();
        if (version > Migrations.LatestVersion)
        {
            throw new RagexException($"index schema version {version} is newer than this ragex understands ({Migrations.LatestVersion}); upgrade ragex");
        }

        for (; version < Migrations.LatestVersion; version++)
        {
            using var transaction = connection.BeginTransaction();
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Migrations.Steps[version];
                command.ExecuteNonQuery();
            }

            if (version + 1 == Migrations.IdentifierWordsVersion)
            {
                FillIdentifierWords(transaction);
            }

            if (version + 1 == Migrations.PathWordsVersion)
            {
                FillPathWords(transaction);
            }

            using (var command = Command(
                "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                ("$key", MetaKeys.SchemaVersion),
                ("$value", (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                command.Transaction = transaction;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Computes the identifier words of chunks stored before the column existed, then rebuilds the FTS index.</summary>
    private void FillIdentifierWords(SqliteTransaction transaction)
    {
        var texts = new List<(long Id, string Text)>();
        using (var select = Command("SELECT id, text FROM chunks"))
        {
            select.Transaction = transaction;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                texts.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        using (var update = Command("UPDATE chunks SET words = $words WHERE id = $id", ("$words", ""), ("$id", 0L)))
        {
            update.Transaction = transaction;
            foreach (var (id, text) in texts)
            {
                update.Parameters["$id"].Value = id;
                update.Parameters["$words"].Value = Search.IdentifierWords.Compounds(text);
                update.ExecuteNonQuery();
            }
        }

        using var rebuild = Command("INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')");
        rebuild.Transaction = transaction;
        rebuild.ExecuteNonQuery();
    }

    /// <summary>Computes the path words of chunks stored before the column existed, then rebuilds the FTS index.</summary>
    private void FillPathWords(SqliteTransaction transaction)
    {
        var paths = new List<(long Id, string Path)>();
        using (var select = Command("SELECT id, path FROM files"))
        {
            select.Transaction = transaction;
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                paths.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        using (var update = Command("UPDATE chunks SET path_words = $words WHERE file_id = $id", ("$words", ""), ("$id", 0L)))
        {
            update.Transaction = transaction;
            foreach (var (id, path) in paths)
            {
                update.Parameters["$id"].Value = id;
                update.Parameters["$words"].Value = Search.IdentifierWords.OfPath(path);
                update.ExecuteNonQuery();
            }
        }

        using var rebuild = Command("INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')");
        rebuild.Transaction = transaction;
        rebuild.ExecuteNonQuery();
    }

    /// <summary>
    /// Readers never migrate (the project's writer does, when it opens the index): an index an older ragex wrote lacks
    /// tables this one reads, and is refused in one line until `ragex index` (or the daemon's writer) upgrades it.
    /// </summary>
    private void EnsureReadableVersion()
    {
        var version = CurrentVersion();
        if (version > 0 && version < Migrations.LatestVersion)
        {
            throw new RagexException($"the index was written by an older ragex (schema {version} of {Migrations.LatestVersion}); run `ragex index` to upgrade it");
        }

        if (version == 0 || version > Migrations.LatestVersion)
        {
            throw new RagexException($"index schema version {version} is not one this ragex reads (1..{Migrations.LatestVersion}); run `ragex index`");
        }
    }

    private int CurrentVersion()
    {
        using var exists = Command("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
        if (Convert.ToInt64(exists.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        var value = GetMeta(MetaKeys.SchemaVersion);
        return value is null ? 0 : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    /// <summary>The last second a file was stored in (<c>files.indexed_at</c>), 0 when none was.</summary>
    public long LastIndexedAt() => Scalar("SELECT coalesce(max(indexed_at), 0) FROM files");

    /// <summary>The distinct symbol names of the files stored at or after <paramref name="since"/> (seconds, as <see cref="LastIndexedAt"/>).</summary>
    public List<string> SymbolNamesIndexedSince(long since)
    {
        // CROSS JOIN keeps files outermost (found by files_by_indexed_at): with DISTINCT or a plain join the planner
        // walked every symbol by name instead, seconds on a million names.
        using var command = Command(
            "SELECT s.name FROM files f CROSS JOIN symbols s ON s.file_id = f.id WHERE f.indexed_at >= $since", ("$since", since));
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }
}

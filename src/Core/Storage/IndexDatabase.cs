using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>
/// One project's SQLite database (WAL). It is the source of truth for files, symbols and chunks. It owns the
/// connection and its opening (the writer migrates, a reader checks the version); reads go through its parts
/// (<see cref="Files"/>, <see cref="Symbols"/>, <see cref="Chunks"/>, ...), writes through <see cref="BeginBatch"/> so
/// each batch commits atomically or not at all.
/// </summary>
public sealed class IndexDatabase : IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection connection;
    private readonly IndexCommands commands;

    /// <summary>The index writer's SQLite page cache (KiB).</summary>
    public const int WriterCacheKib = 64 * 1024;

    /// <summary>
    /// A pooled reader's SQLite page cache (KiB). Readers are pooled: a search that gets back a connection with the
    /// index's inner B-tree pages cached reads fewer pages from the file (kernel, in one process: semantic 11.3 -> 9.6 ms,
    /// hybrid 29.7 -> 26.7 ms median).
    /// </summary>
    private const int ReaderCacheKib = 16 * 1024;

    private IndexDatabase(SqliteConnection connection)
    {
        this.connection = connection;
        commands = new IndexCommands(connection);
        Meta = new IndexMeta(commands);
        Files = new FileQueries(commands);
        Symbols = new SymbolQueries(commands);
        Chunks = new ChunkQueries(commands);
        Vectors = new VectorQueries(commands);
        VectorLog = new VectorChangeLog(commands, Meta);
    }

    public IndexMeta Meta { get; }

    public FileQueries Files { get; }

    public SymbolQueries Symbols { get; }

    public ChunkQueries Chunks { get; }

    public VectorQueries Vectors { get; }

    public VectorChangeLog VectorLog { get; }

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
            try
            {
                File.Move(path, movedAside);
            }
            catch (FileNotFoundException)
            {
                // Another writer opening it at the same moment moved it aside first, and may have made the new one.
                return Open(path);
            }

            ReleasePooledReaders(path);
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(path + suffix))
                {
                    File.Move(path + suffix, movedAside + suffix);
                }
            }

            var database = Open(path);
            database.Meta.Set(MetaKeys.MovedAside, movedAside);
            return database;
        }
    }

    public static IndexDatabase Open(string path, bool readOnly = false)
    {
        if (readOnly && !File.Exists(path))
        {
            throw new RagexException($"{path}: index database not found");
        }

        var connection = new SqliteConnection(ConnectionString(path, readOnly));
        try
        {
            connection.Open();
            var database = new IndexDatabase(connection);
            database.Prepare(readOnly);
            return database;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new RagexException($"{path}: unreadable index database ({e.Message.TrimEnd('.')})", e);
        }
        catch
        {
            // A version this ragex refuses: the caller gets the error, not an open connection nobody can close.
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Closes the idle pooled readers of one database (before it is deleted or moved aside: a pooled connection would
    /// go on reading the old file), or of every database (when the process goes idle: each holds a page cache). Readers
    /// in use close when they are disposed.
    /// </summary>
    public static void ReleasePooledReaders(string? path = null)
    {
        if (path is null)
        {
            SqliteConnection.ClearAllPools();
            return;
        }

        using var connection = new SqliteConnection(ConnectionString(path, readOnly: true));
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Whether runs nobody asked for (watcher, restart) embed: false after an index with --no-embeddings.</summary>
    public static bool EmbeddingsWanted(string path) => !File.Exists(path) || ReadMeta(path, MetaKeys.Embeddings) != "off";

    /// <summary>The project root recorded in a database, or null if it is not a Ragex index.</summary>
    public static string? ReadRoot(string path) => ReadMeta(path, MetaKeys.Root);

    public IndexBatch BeginBatch() => new(connection, connection.BeginTransaction(), Meta);

    /// <summary>Stores that follow go in bulk until <see cref="EndBulkLoad"/> (<see cref="BulkLoad"/>); keyword and name lookups lag meanwhile.</summary>
    public void BeginBulkLoad()
    {
        if (Meta.Get(BulkLoad.MetaKey) is not null)
        {
            return;
        }

        using var batch = BeginBatch();
        batch.Execute(BulkLoad.Drop);
        batch.SetMeta(BulkLoad.MetaKey, "on");
        batch.Commit();
    }

    /// <summary>Whether a bulk load is in progress (or was left by a killed process) for <see cref="EndBulkLoad"/> to complete.</summary>
    public bool InBulkLoad => Meta.Get(BulkLoad.MetaKey) is not null;

    /// <summary>Rebuilds what a bulk load dropped, if one is in progress (or was left by a killed process); true if it did.</summary>
    public bool EndBulkLoad()
    {
        if (!InBulkLoad)
        {
            return false;
        }

        using var batch = BeginBatch();
        batch.Execute(BulkLoad.Restore);
        batch.Execute($"DELETE FROM meta WHERE key = '{BulkLoad.MetaKey}'");
        batch.Commit();
        return true;
    }

    /// <summary>How many segments the keyword index is in (each query's terms are looked up in every one).</summary>
    public long KeywordSegments() => commands.Scalar("SELECT count(DISTINCT segid) FROM chunks_fts_idx");

    /// <summary>
    /// One bounded step of merging the keyword index into a single segment (FTS5's 'merge' with a negative page
    /// count: an incremental 'optimize'), writing about <paramref name="pages"/> pages in a transaction of its own.
    /// True while there is more to merge (FTS5 reports its work in the connection's change count).
    /// </summary>
    public bool MergeKeywordIndex(int pages)
    {
        var before = commands.Scalar("SELECT total_changes()");
        using (var batch = BeginBatch())
        {
            batch.Execute(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('merge', {-pages})"));
            batch.Commit();
        }

        return commands.Scalar("SELECT total_changes()") - before >= 2;
    }

    /// <summary>The definitions of every table, index and trigger, by name.</summary>
    public List<string> Schema() => commands.Strings("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");

    /// <summary>
    /// Frees this connection's page cache (a writer's holds up to <see cref="WriterCacheKib"/>); pages are read again
    /// from the file, or the OS cache, when next needed.
    /// </summary>
    public void ReleaseMemory() => commands.Execute("PRAGMA shrink_memory");

    /// <summary>Bytes this connection's page cache holds now.</summary>
    internal long CacheBytes()
    {
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_USED, out var current, out _, 0);
        return current;
    }

    public void Dispose() => connection.Dispose();

    /// <summary>One meta value of a database, or null if it has none or is not a Ragex index.</summary>
    private static string? ReadMeta(string path, string key)
    {
        try
        {
            using var database = Open(path, readOnly: true);
            return database.Meta.Get(key);
        }
        catch (RagexException)
        {
            return null;
        }
    }

    /// <summary>Readers are pooled (<see cref="ReaderCacheKib"/>); the one writer of a process is not.</summary>
    private static string ConnectionString(string path, bool readOnly) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = readOnly,
    }.ToString();

    private void Prepare(bool readOnly)
    {
        commands.Execute("PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        var migrator = new IndexMigrator(commands, Meta);
        if (readOnly)
        {
            migrator.EnsureReadableVersion();
            commands.Execute($"PRAGMA cache_size = -{ReaderCacheKib}");
            return;
        }

        // The writer's page cache holds the hot B-tree pages of a large index (name and file indexes take random
        // inserts); SQLite's default of 2 MiB made every batch re-read and rewrite them. Checkpoints (each with
        // an fsync) every 32 MiB of WAL rather than 4.
        commands.Execute(
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -{WriterCacheKib}; PRAGMA wal_autocheckpoint = 8192;");
        migrator.Migrate();
        EndBulkLoad();
    }
}

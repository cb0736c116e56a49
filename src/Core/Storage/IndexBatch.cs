using Microsoft.Data.Sqlite;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Storage;

/// <summary>A set of index writes in one SQLite transaction: all of it is committed, or none of it.</summary>
public sealed class IndexBatch : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly IndexMeta meta;
    private long? nextChunkId;
    private RowInsert? symbolInsert;
    private RowInsert? chunkInsert;

    internal IndexBatch(SqliteConnection connection, SqliteTransaction transaction, IndexMeta meta)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.meta = meta;
    }

    /// <summary>
    /// Records a file and replaces all of its symbols and chunks. A new chunk whose text hash equals one of the file's
    /// old chunks keeps that chunk's embedding, so only changed code is embedded again.
    /// </summary>
    /// <param name="staticVectors">The chunks' static vectors, in chunk order; null when the index keeps no vectors.</param>
    /// <param name="keywordOnly">Generated code: its chunks get no vector of either tier (<see cref="EmbeddingBlob.KeywordOnly"/>).</param>
    /// <param name="nameWords">The words of the symbols' names (<see cref="Chunking.IdentifierWords.OfNames"/>), when the caller has them.</param>
    public void ReplaceFile(
        FileRecord file, IReadOnlyList<SymbolRecord> symbols, IReadOnlyList<Chunking.Chunk> chunks, IReadOnlyList<float[]>? staticVectors = null,
        bool keywordOnly = false, string? nameWords = null)
    {
        long fileId;
        using (var upsert = Command(
            """
            INSERT INTO files(path, size, mtime, sha256, indexed_at, clipped, name_words) VALUES ($path, $size, $mtime, $sha, unixepoch(), $clipped, $nameWords)
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, sha256 = excluded.sha256,
                indexed_at = excluded.indexed_at, clipped = excluded.clipped, name_words = excluded.name_words
            RETURNING id
            """))
        {
            upsert.Parameters.AddWithValue("$clipped", chunks.Any(c => c.Clipped));
            upsert.Parameters.AddWithValue("$nameWords", nameWords ?? Chunking.IdentifierWords.OfNames(symbols.Select(s => s.Name)));
            upsert.Parameters.AddWithValue("$path", file.Path);
            upsert.Parameters.AddWithValue("$size", file.Size);
            upsert.Parameters.AddWithValue("$mtime", file.MtimeTicks);
            upsert.Parameters.AddWithValue("$sha", file.Sha256);
            fileId = (long)upsert.ExecuteScalar()!;
        }

        var reusable = EmbeddingsOf(fileId);
        using (var delete = Command("DELETE FROM symbols WHERE file_id = $id; DELETE FROM chunks WHERE file_id = $id"))
        {
            delete.Parameters.AddWithValue("$id", fileId);
            delete.ExecuteNonQuery();
        }

        InsertSymbols(fileId, symbols);
        InsertChunks(fileId, chunks, reusable, staticVectors, keywordOnly);
    }

    /// <summary>
    /// Stores each chunk's first vector of a tier only: a chunk that already has one keeps it, so a late second answer
    /// for the same chunks (a retried batch in cluster mode) changes nothing. A changed chunk is a new row without a vector.
    /// </summary>
    public void SetVectors(VectorTier tier, IReadOnlyList<long> chunkIds, IReadOnlyList<float[]> vectors)
    {
        using var update = Command($"UPDATE chunks SET {tier.Column} = $embedding WHERE id = $id AND {tier.Column} IS NULL");
        var id = update.Parameters.AddWithValue("$id", 0L);
        var embedding = update.Parameters.AddWithValue("$embedding", Array.Empty<byte>());
        update.Prepare();
        for (var i = 0; i < chunkIds.Count; i++)
        {
            id.Value = chunkIds[i];
            embedding.Value = EmbeddingBlob.ToBytes(vectors[i]);
            update.ExecuteNonQuery();
        }
    }

    /// <summary>Drops every vector of a tier (its model or table changed); chunks stay and are embedded again (keyword-only ones stay so).</summary>
    public void ClearVectors(VectorTier tier)
    {
        using var command = Command($"UPDATE chunks SET {tier.Column} = NULL WHERE length({tier.Column}) > 0");
        command.ExecuteNonQuery();
    }

    private Dictionary<string, byte[]> EmbeddingsOf(long fileId)
    {
        using var select = Command("SELECT text_hash, embedding FROM chunks WHERE file_id = $id AND length(embedding) > 0");
        select.Parameters.AddWithValue("$id", fileId);
        using var reader = select.ExecuteReader();
        var embeddings = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            embeddings[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }

        return embeddings;
    }

    private void InsertChunks(long fileId, IReadOnlyList<Chunking.Chunk> chunks, Dictionary<string, byte[]> reusable, IReadOnlyList<float[]>? staticVectors, bool keywordOnly)
    {
        var insert = chunkInsert ??= new RowInsert(
            connection,
            """
            INSERT INTO chunks(id, file_id, start_line, end_line, symbol, kind, text_hash, text, embedding, words, static_embedding, path_words)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """);
        insert.Bind(2, fileId);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            insert.Bind(1, NewChunkId());
            insert.Bind(3, chunk.StartLine);
            insert.Bind(4, chunk.EndLine);
            insert.Bind(5, chunk.Symbol);
            insert.Bind(6, chunk.Kind);
            insert.Bind(7, chunk.TextHash);
            insert.Bind(8, chunk.Text);
            insert.Bind(9, keywordOnly ? EmbeddingBlob.KeywordOnly : reusable.GetValueOrDefault(chunk.TextHash));
            insert.Bind(10, chunk.Words);
            insert.Bind(11, keywordOnly ? EmbeddingBlob.KeywordOnly : staticVectors is null ? null : EmbeddingBlob.ToBytes(staticVectors[i]));
            insert.Bind(12, chunk.PathWords);
            insert.Run();
        }
    }

    /// <summary>Updates size and mtime of files whose content hash did not change (touched), in one statement.</summary>
    public void UpdateStats(IReadOnlyCollection<FileRecord> files)
    {
        using var command = Command(
            """
            UPDATE files SET size = json_extract(t.value, '$[1]'), mtime = json_extract(t.value, '$[2]')
            FROM json_each($stats) t WHERE files.path = json_extract(t.value, '$[0]')
            """);
        command.Parameters.AddWithValue("$stats", StatsJson(files));
        command.ExecuteNonQuery();
    }

    /// <summary>Forgets files, in one statement; their symbols and chunks go with them (ON DELETE CASCADE).</summary>
    public void DeleteFiles(IReadOnlyCollection<string> paths)
    {
        using var command = Command("DELETE FROM files WHERE path IN (SELECT value FROM json_each($paths))");
        command.Parameters.AddWithValue("$paths", IndexCommands.JsonArray(paths));
        command.ExecuteNonQuery();
    }

    public void SetMeta(string key, string value) => meta.Set(key, value, transaction);

    /// <summary>Statements (schema changes) in this batch's transaction.</summary>
    internal void Execute(string sql)
    {
        using var command = Command(sql);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    public void Commit()
    {
        if (nextChunkId is { } next)
        {
            SetMeta(MetaKeys.NextChunkId, next.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        transaction.Commit();
    }

    private long NewChunkId()
    {
        if (nextChunkId is null)
        {
            using var read = Command($"SELECT value FROM meta WHERE key = '{MetaKeys.NextChunkId}'");
            nextChunkId = read.ExecuteScalar() is string stored ? long.Parse(stored, System.Globalization.CultureInfo.InvariantCulture) : 1;
        }

        return nextChunkId++.Value;
    }

    public void Dispose()
    {
        symbolInsert?.Dispose();
        chunkInsert?.Dispose();
        transaction.Dispose();
    }

    private void InsertSymbols(long fileId, IReadOnlyList<SymbolRecord> symbols)
    {
        var insert = symbolInsert ??= new RowInsert(
            connection,
            """
            INSERT INTO symbols(file_id, name, kind, line, end_line, signature, scope, scope_kind, language, preview)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """);
        insert.Bind(1, fileId);
        foreach (var symbol in symbols)
        {
            insert.Bind(2, symbol.Name);
            insert.Bind(3, symbol.Kind);
            insert.Bind(4, symbol.Line);
            insert.Bind(5, symbol.EndLine);
            insert.Bind(6, symbol.Signature);
            insert.Bind(7, symbol.Scope);
            insert.Bind(8, symbol.ScopeKind);
            insert.Bind(9, symbol.Language);
            insert.Bind(10, symbol.Preview);
            insert.Run();
        }
    }

    /// <summary>[[path, size, mtime], ...]</summary>
    private static string StatsJson(IEnumerable<FileRecord> files)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var file in files)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(file.Path);
                writer.WriteNumberValue(file.Size);
                writer.WriteNumberValue(file.MtimeTicks);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

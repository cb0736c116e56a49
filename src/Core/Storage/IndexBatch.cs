using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>A set of index writes in one SQLite transaction: all of it is committed, or none of it.</summary>
public sealed class IndexBatch : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;

    internal IndexBatch(SqliteConnection connection, SqliteTransaction transaction)
    {
        this.connection = connection;
        this.transaction = transaction;
    }

    /// <summary>Records a file and replaces all of its symbols.</summary>
    public void ReplaceFile(FileRecord file, IReadOnlyList<SymbolRecord> symbols)
    {
        long fileId;
        using (var upsert = Command(
            """
            INSERT INTO files(path, size, mtime, sha256, indexed_at) VALUES ($path, $size, $mtime, $sha, unixepoch())
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, sha256 = excluded.sha256,
                indexed_at = excluded.indexed_at
            RETURNING id
            """))
        {
            upsert.Parameters.AddWithValue("$path", file.Path);
            upsert.Parameters.AddWithValue("$size", file.Size);
            upsert.Parameters.AddWithValue("$mtime", file.MtimeTicks);
            upsert.Parameters.AddWithValue("$sha", file.Sha256);
            fileId = (long)upsert.ExecuteScalar()!;
        }

        using (var delete = Command("DELETE FROM symbols WHERE file_id = $id"))
        {
            delete.Parameters.AddWithValue("$id", fileId);
            delete.ExecuteNonQuery();
        }

        InsertSymbols(fileId, symbols);
    }

    /// <summary>Updates size and mtime of a file whose content hash did not change (a touch).</summary>
    public void UpdateStat(FileRecord file)
    {
        using var command = Command("UPDATE files SET size = $size, mtime = $mtime WHERE path = $path");
        command.Parameters.AddWithValue("$path", file.Path);
        command.Parameters.AddWithValue("$size", file.Size);
        command.Parameters.AddWithValue("$mtime", file.MtimeTicks);
        command.ExecuteNonQuery();
    }

    /// <summary>Forgets a file; its symbols and chunks go with it (ON DELETE CASCADE).</summary>
    public void DeleteFile(string path)
    {
        using var command = Command("DELETE FROM files WHERE path = $path");
        command.Parameters.AddWithValue("$path", path);
        command.ExecuteNonQuery();
    }

    public void SetMeta(string key, string value)
    {
        using var command = Command(
            "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    public void Commit() => transaction.Commit();

    public void Dispose() => transaction.Dispose();

    private void InsertSymbols(long fileId, IReadOnlyList<SymbolRecord> symbols)
    {
        using var insert = Command(
            """
            INSERT INTO symbols(file_id, name, kind, line, end_line, signature, scope, scope_kind, language, preview)
            VALUES ($file, $name, $kind, $line, $end, $signature, $scope, $scopeKind, $language, $preview)
            """);
        var parameters = new[] { "$file", "$name", "$kind", "$line", "$end", "$signature", "$scope", "$scopeKind", "$language", "$preview" }
            .Select(name => insert.Parameters.AddWithValue(name, DBNull.Value))
            .ToArray();
        insert.Prepare();
        foreach (var symbol in symbols)
        {
            parameters[0].Value = fileId;
            parameters[1].Value = symbol.Name;
            parameters[2].Value = symbol.Kind;
            parameters[3].Value = symbol.Line;
            parameters[4].Value = (object?)symbol.EndLine ?? DBNull.Value;
            parameters[5].Value = (object?)symbol.Signature ?? DBNull.Value;
            parameters[6].Value = (object?)symbol.Scope ?? DBNull.Value;
            parameters[7].Value = (object?)symbol.ScopeKind ?? DBNull.Value;
            parameters[8].Value = (object?)symbol.Language ?? DBNull.Value;
            parameters[9].Value = symbol.Preview;
            insert.ExecuteNonQuery();
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}

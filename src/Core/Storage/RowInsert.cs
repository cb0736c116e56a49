using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Ragex.Core.Storage;

/// <summary>
/// One INSERT statement, prepared once and run for many rows with its parameters bound by position through SQLite's
/// own API. For the rows of a store (a kernel has 4.6M symbols and 1.8M chunks), Microsoft.Data.Sqlite's work per
/// execution (each parameter looked up by name and converted, a data reader per statement) cost more than SQLite's.
/// Runs in the connection's current transaction.
/// </summary>
internal sealed class RowInsert : IDisposable
{
    private readonly sqlite3 database;
    private readonly sqlite3_stmt statement;

    public RowInsert(SqliteConnection connection, string sql)
    {
        database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, sql, out statement));
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(statement, position, value));

    public void Bind(int position, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(statement, position, number) : raw.sqlite3_bind_null(statement, position));

    public void Bind(int position, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(statement, position) : raw.sqlite3_bind_text16(statement, position, value));

    /// <summary>An empty array binds an empty blob, not NULL (<see cref="EmbeddingBlob.KeywordOnly"/> is not NULL).</summary>
    public void Bind(int position, byte[]? value) =>
        Check(value switch
        {
            null => raw.sqlite3_bind_null(statement, position),
            [] => raw.sqlite3_bind_zeroblob(statement, position, 0),
            _ => raw.sqlite3_bind_blob(statement, position, value),
        });

    /// <summary>Inserts the bound row; the bindings are kept, so a column bound once for every row needs no rebinding.</summary>
    public void Run()
    {
        var result = raw.sqlite3_step(statement);
        try
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }
}

using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>The index's <c>meta</c> table: one text value per key (<see cref="MetaKeys"/>).</summary>
public sealed class IndexMeta
{
    private readonly IndexCommands commands;

    internal IndexMeta(IndexCommands commands) => this.commands = commands;

    public string? Get(string key) => Get(key, transaction: null);

    public void Set(string key, string value) => Set(key, value, transaction: null);

    /// <summary>The value as <paramref name="transaction"/> sees it (a connection with a transaction open reads in it).</summary>
    internal string? Get(string key, SqliteTransaction? transaction)
    {
        using var command = commands.Command("SELECT value FROM meta WHERE key = $key", ("$key", key));
        command.Transaction = transaction;
        return command.ExecuteScalar() as string;
    }

    internal void Set(string key, string value, SqliteTransaction? transaction)
    {
        using var command = commands.Command(
            "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$key", key),
            ("$value", value));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    public void Remove(string key)
    {
        using var command = commands.Command("DELETE FROM meta WHERE key = $key", ("$key", key));
        command.ExecuteNonQuery();
    }
}

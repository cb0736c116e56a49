namespace Ragex.Core.Storage;

/// <summary>The index's <c>meta</c> table: one text value per key (<see cref="MetaKeys"/>).</summary>
public sealed class IndexMeta
{
    private readonly IndexCommands commands;

    internal IndexMeta(IndexCommands commands) => this.commands = commands;

    public string? Get(string key)
    {
        using var command = commands.Command("SELECT value FROM meta WHERE key = $key", ("$key", key));
        return command.ExecuteScalar() as string;
    }

    public void Set(string key, string value)
    {
        using var command = commands.Command(
            "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$key", key),
            ("$value", value));
        command.ExecuteNonQuery();
    }

    public void Remove(string key)
    {
        using var command = commands.Command("DELETE FROM meta WHERE key = $key", ("$key", key));
        command.ExecuteNonQuery();
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>Commands on one index connection: what every part of <see cref="IndexDatabase"/> runs its SQL through.</summary>
internal sealed class IndexCommands(SqliteConnection connection)
{
    public SqliteTransaction BeginTransaction() => connection.BeginTransaction();

    /// <summary>Whether <see cref="GivenCountsBm25"/> is registered on this connection (done on first asking; remembered per native connection).</summary>
    public bool HasGivenCountsBm25 => GivenCountsBm25.TryRegister(connection);

    /// <summary>A deterministic SQL function of one text argument, computed by <paramref name="function"/> (for set-based updates).</summary>
    public void CreateFunction(string name, Func<string, string> function) => connection.CreateFunction(name, function, isDeterministic: true);

    public SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    /// <summary>The first column of every row of a query that returns text.</summary>
    public List<string> Strings(string sql, params (string Name, object Value)[] parameters) => [.. StreamStrings(sql, parameters)];

    /// <summary>The first column of each row as it is read (the statement stays open until the enumeration ends).</summary>
    public IEnumerable<string> StreamStrings(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>A JSON array of the values, for <c>json_each</c>: one statement for a whole set instead of one per item.</summary>
    public static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc cref="JsonArray(IEnumerable{string})"/>
    public static string JsonArray(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]";
}

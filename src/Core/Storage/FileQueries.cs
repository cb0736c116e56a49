using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>Reads of the <c>files</c> table: what the index knows of each file (paths relative to the project root).</summary>
public sealed class FileQueries
{
    private readonly IndexCommands commands;

    internal FileQueries(IndexCommands commands) => this.commands = commands;

    public long Count() => commands.Scalar("SELECT count(*) FROM files");

    /// <summary>Whether the file is in the index.</summary>
    public bool Contains(string path) => commands.Scalar("SELECT count(*) FROM files WHERE path = $path", ("$path", path)) > 0;

    /// <summary>The last second a file was stored in (<c>files.indexed_at</c>), 0 when none was.</summary>
    public long LastIndexedAt() => commands.Scalar("SELECT coalesce(max(indexed_at), 0) FROM files");

    public Dictionary<string, FileRecord> Load()
    {
        using var command = commands.Command("SELECT path, size, mtime, sha256 FROM files");
        return Read(command);
    }

    /// <summary>
    /// The records of <paramref name="paths"/> and of the files under them (a path may name a directory), in one
    /// statement: each given path probes the path index twice, once for itself and once for the range under it.
    /// </summary>
    public Dictionary<string, FileRecord> Load(IReadOnlyCollection<string> paths)
    {
        using var command = commands.Command(
            """
            SELECT f.path, f.size, f.mtime, f.sha256 FROM json_each($paths) p CROSS JOIN files f ON f.path = p.value
            UNION ALL
            SELECT f.path, f.size, f.mtime, f.sha256 FROM json_each($paths) p CROSS JOIN files f
                ON f.path > p.value || '/' AND f.path < p.value || '0'
            """,
            ("$paths", IndexCommands.JsonArray(paths)));
        return Read(command);
    }

    private static Dictionary<string, FileRecord> Read(SqliteCommand command)
    {
        var files = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files[reader.GetString(0)] = new FileRecord(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }

        return files;
    }
}

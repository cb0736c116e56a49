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
        var files = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
        using var command = commands.Command("SELECT path, size, mtime, sha256 FROM files");
        Read(command, files);
        return files;
    }

    /// <summary>The records of <paramref name="paths"/> and of the files under them (a path may name a directory); the path index answers each.</summary>
    public Dictionary<string, FileRecord> Load(IReadOnlyCollection<string> paths)
    {
        var files = new Dictionary<string, FileRecord>(StringComparer.Ordinal);
        using var command = commands.Command(
            "SELECT path, size, mtime, sha256 FROM files WHERE path = $path OR (path > $path || '/' AND path < $path || '0')", ("$path", ""));
        foreach (var path in paths)
        {
            command.Parameters["$path"].Value = path;
            Read(command, files);
        }

        return files;
    }

    private static void Read(SqliteCommand command, Dictionary<string, FileRecord> files)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            files[reader.GetString(0)] = new FileRecord(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }
    }
}

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

    /// <summary>
    /// The files that may hold <paramref name="word"/> (ASCII letters, digits and underscores): those whose chunks'
    /// text the keyword index matches for it, and every clipped file (its index lacks the words past the cut). Null
    /// when more than <paramref name="maxChunks"/> chunks match: the caller had better read every file.
    /// </summary>
    public List<string>? MayHoldWord(string word, int maxChunks)
    {
        // The tokenizer splits an identifier at its underscores, so the word is asked for as a phrase of its parts,
        // which every file holding it as a whole word matches (and a few more: stems, other separators).
        var ids = new List<long>();
        using (var command = commands.Command(
            "SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH $query LIMIT $limit", ("$query", $"text : \"{word}\""), ("$limit", maxChunks + 1)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        if (ids.Count > maxChunks)
        {
            return null;
        }

        using var paths = commands.Command(
            """
            SELECT f.path FROM json_each($ids) h JOIN chunks c ON c.id = h.value JOIN files f ON f.id = c.file_id
            UNION
            SELECT path FROM files WHERE clipped = 1
            """,
            ("$ids", IndexCommands.JsonArray(ids)));
        using var rows = paths.ExecuteReader();
        var files = new List<string>();
        while (rows.Read())
        {
            files.Add(rows.GetString(0));
        }

        return files;
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

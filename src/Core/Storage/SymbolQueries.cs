using Microsoft.Data.Sqlite;

namespace Ragex.Core.Storage;

/// <summary>Reads of the <c>symbols</c> table, each symbol with the path of its file.</summary>
public sealed class SymbolQueries
{
    private const string Columns =
        "f.path, s.name, s.kind, s.line, s.end_line, s.signature, s.scope, s.scope_kind, s.language, s.preview";

    private readonly IndexCommands commands;

    internal SymbolQueries(IndexCommands commands) => this.commands = commands;

    public long Count() => commands.Scalar("SELECT count(*) FROM symbols");

    /// <summary>Symbols whose name equals <paramref name="name"/> ignoring ASCII case, or starts with it when <paramref name="prefix"/>.</summary>
    public List<StoredSymbol> Find(string name, bool prefix)
    {
        using var command = prefix
            ? commands.Command(
                $"SELECT {Columns} FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.name LIKE $pattern ESCAPE '\\'",
                ("$pattern", EscapeLike(name) + "%"))
            : commands.Command(
                $"SELECT {Columns} FROM symbols s JOIN files f ON f.id = s.file_id WHERE s.name = $name COLLATE NOCASE",
                ("$name", name));
        return Read(command);
    }

    /// <summary>
    /// Symbols whose name equals one of <paramref name="names"/> ignoring ASCII case, grouped by name in the given
    /// order, in one statement.
    /// </summary>
    public List<StoredSymbol> FindIgnoringCase(IReadOnlyCollection<string> names) => FindByNames(names, " COLLATE NOCASE");

    /// <summary>Symbols named exactly one of <paramref name="names"/>, grouped by name in the given order, in one statement.</summary>
    public List<StoredSymbol> FindByNames(IReadOnlyCollection<string> names) => FindByNames(names, "");

    /// <summary>Every symbol of one file.</summary>
    public List<StoredSymbol> InFile(string path)
    {
        using var command = commands.Command(
            $"SELECT {Columns} FROM symbols s JOIN files f ON f.id = s.file_id WHERE f.path = $path", ("$path", path));
        return Read(command);
    }

    /// <summary>
    /// The words of the names defined in each of the given files (<see cref="Chunking.IdentifierWords.OfNames"/>, lower
    /// case) that hold one of <paramref name="fragments"/> (lower case); a file without such words, or not stored, has
    /// none. One row per file: a kernel source file defines thousands of names.
    /// </summary>
    public Dictionary<string, List<string>> NameWordsByPath(IReadOnlyCollection<string> paths, IReadOnlyCollection<string> fragments)
    {
        var words = paths.Distinct(StringComparer.Ordinal).ToDictionary(path => path, _ => new List<string>(), StringComparer.Ordinal);
        if (fragments.Count == 0)
        {
            return words;
        }

        using var command = commands.Command(
            "SELECT f.path, f.name_words FROM json_each($paths) p CROSS JOIN files f ON f.path = p.value",
            ("$paths", IndexCommands.JsonArray(words.Keys)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var holding = words[reader.GetString(0)];
            foreach (var word in reader.GetString(1).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (fragments.Any(fragment => word.Contains(fragment, StringComparison.Ordinal)))
                {
                    holding.Add(word);
                }
            }
        }

        return words;
    }

    /// <summary>Every distinct name, streamed (the kernel has 3M).</summary>
    public IEnumerable<string> DistinctNames() => commands.StreamStrings("SELECT DISTINCT name FROM symbols");

    /// <summary>The distinct symbol names of the files stored at or after <paramref name="since"/> (seconds, as <see cref="FileQueries.LastIndexedAt"/>).</summary>
    public List<string> NamesIndexedSince(long since)
    {
        // CROSS JOIN keeps files outermost (found by files_by_indexed_at): with DISTINCT or a plain join the planner
        // walked every symbol by name instead, seconds on a million names.
        var names = commands.Strings(
            "SELECT s.name FROM files f CROSS JOIN symbols s ON s.file_id = f.id WHERE f.indexed_at >= $since", ("$since", since));
        return [.. names.ToHashSet(StringComparer.Ordinal)];
    }

    private List<StoredSymbol> FindByNames(IReadOnlyCollection<string> names, string collation)
    {
        using var command = commands.Command(
            $"""
            SELECT {Columns} FROM json_each($names) n CROSS JOIN symbols s ON s.name = n.value{collation}
                JOIN files f ON f.id = s.file_id
            ORDER BY n.key, s.id
            """,
            ("$names", IndexCommands.JsonArray(names)));
        return Read(command);
    }

    private static List<StoredSymbol> Read(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var symbols = new List<StoredSymbol>();
        while (reader.Read())
        {
            symbols.Add(new StoredSymbol(
                reader.GetString(0),
                new SymbolRecord(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8),
                    reader.GetString(9))));
        }

        return symbols;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

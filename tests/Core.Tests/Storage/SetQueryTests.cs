using Ragex.Core.Chunking;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Storage;

/// <summary>
/// The set queries (symbols by names, names and files by path) answer in one statement what a query per name or path
/// answered before, in the same order; the set writes (stats, deletes) change what a statement per file changed.
/// </summary>
public sealed class SetQueryTests : IDisposable
{
    private static readonly SymbolRecord Symbol = new("f", "function", 1, 2, "()", null, null, "Python", "def f():");

    private readonly TemporaryDirectory directory = new();
    private readonly IndexDatabase database;

    public SetQueryTests()
    {
        database = IndexDatabase.Open(directory.Combine("index.db"));
        using var batch = database.BeginBatch();
        batch.ReplaceFile(new FileRecord("a.py", 1, 1, "a"), [Symbol with { Name = "parse" }, Symbol with { Name = "$parse", Line = 3 }, Symbol with { Name = "Parse", Line = 5 }], []);
        batch.ReplaceFile(new FileRecord("b.py", 1, 1, "b"), [Symbol with { Name = "@Parse" }, Symbol with { Name = "parse", Line = 7 }], []);
        batch.ReplaceFile(new FileRecord("dir/ü \"q\".py", 1, 1, "c"), [Symbol with { Name = "render" }], []);
        batch.ReplaceFile(new FileRecord("empty.py", 1, 1, "d"), [], []);
        batch.Commit();
    }

    public void Dispose()
    {
        database.Dispose();
        directory.Dispose();
    }

    [Fact]
    public void Names_found_together_equal_the_names_found_one_by_one()
    {
        string[] names = ["parse", "missing", "render", "Parse", "parse"];

        var oneByOne = names.SelectMany(name => database.Symbols.Find(name, prefix: false).Where(s => s.Symbol.Name == name)).ToList();

        Assert.Equal(6, oneByOne.Count);
        Assert.Equal(oneByOne, database.Symbols.FindByNames(names));
    }

    [Fact]
    public void Names_found_together_ignoring_case_equal_the_names_found_one_by_one()
    {
        string[] names = ["$parse", "@parse", "PARSE"];

        var oneByOne = names.SelectMany(name => database.Symbols.Find(name, prefix: false)).ToList();

        Assert.Equal(5, oneByOne.Count);
        Assert.Equal(oneByOne, database.Symbols.FindIgnoringCase(names));
    }

    [Theory]
    [InlineData("ars")]
    [InlineData("rend", "nothing")]
    [InlineData("_")]
    [InlineData("%")]
    public void Name_words_by_path_equal_the_words_of_each_files_names_that_hold_a_fragment_and_none_for_a_file_without_them(params string[] fragments)
    {
        string[] paths = ["b.py", "a.py", "dir/ü \"q\".py", "empty.py", "missing.py", "a.py"];

        var byPath = database.Symbols.NameWordsByPath(paths, fragments);

        Assert.Equal(paths.Distinct().Order(StringComparer.Ordinal), byPath.Keys.Order(StringComparer.Ordinal));
        foreach (var path in paths)
        {
            var words = IdentifierWords.OfNames(database.Symbols.InFile(path).Select(s => s.Symbol.Name)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(words.Where(word => fragments.Any(f => word.Contains(f, StringComparison.Ordinal))), byPath[path]);
        }
    }

    [Fact]
    public void Files_loaded_by_path_equal_each_path_and_the_files_under_it()
    {
        string[] paths = ["a.py", "dir", "dir/ü \"q\".py", "missing.py", "di"];

        var loaded = database.Files.Load(paths);

        var expected = database.Files.Load().Values.Where(f => paths.Any(p => f.Path == p || f.Path.StartsWith(p + "/", StringComparison.Ordinal)));
        Assert.Equal(expected.OrderBy(f => f.Path, StringComparer.Ordinal), loaded.Values.OrderBy(f => f.Path, StringComparer.Ordinal));
        Assert.Equal(["a.py", "dir/ü \"q\".py"], loaded.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Stats_updated_together_change_only_size_and_mtime_of_each_file()
    {
        var before = database.Files.Load();
        FileRecord[] touched = [new("a.py", 10, 11, "ignored"), new("dir/ü \"q\".py", 20, 21, "ignored"), new("missing.py", 30, 31, "x")];

        Write(batch => batch.UpdateStats(touched));

        var after = database.Files.Load();
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before["a.py"] with { Size = 10, MtimeTicks = 11 }, after["a.py"]);
        Assert.Equal(before["dir/ü \"q\".py"] with { Size = 20, MtimeTicks = 21 }, after["dir/ü \"q\".py"]);
        Assert.Equal(before["b.py"], after["b.py"]);
    }

    [Fact]
    public void Files_deleted_together_take_their_symbols_and_leave_the_others()
    {
        var version = database.Meta.Get(MetaKeys.SymbolsVersion);

        Write(batch => batch.DeleteFiles(["a.py", "dir/ü \"q\".py", "missing.py"]));

        Assert.Equal(["b.py", "empty.py"], database.Files.Load().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["@Parse", "parse"], database.Symbols.FindIgnoringCase(["parse", "@parse", "render"]).Select(s => s.Symbol.Name).Order(StringComparer.Ordinal));
        Assert.Equal(long.Parse(version!, System.Globalization.CultureInfo.InvariantCulture) + 2, long.Parse(database.Meta.Get(MetaKeys.SymbolsVersion)!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private void Write(Action<IndexBatch> action)
    {
        using var batch = database.BeginBatch();
        action(batch);
        batch.Commit();
    }
}

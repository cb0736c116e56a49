using System.Text.Json;

namespace Ragex.Cli.Tests;

/// <summary>Incremental re-indexing on a copy of part of the real stdlib, so files can be touched and edited.</summary>
public sealed class IncrementalIndexTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = Directory.CreateTempSubdirectory("ragex-tree-").FullName;

    public IncrementalIndexTests()
    {
        foreach (var package in new[] { "json", "email", "urllib" })
        {
            CopyDirectory(Path.Combine(StdlibIndexFixture.Corpus, package), Path.Combine(tree, package));
        }
    }

    [Fact]
    public async Task Touching_a_file_reparses_nothing_and_editing_one_reparses_only_it()
    {
        var first = await IndexAsync();
        Assert.True(first.GetProperty("parsed").GetInt32() > 30);

        var touched = Path.Combine(tree, "json", "decoder.py");
        File.SetLastWriteTimeUtc(touched, DateTime.UtcNow.AddMinutes(1));
        var afterTouch = await IndexAsync();
        Assert.Equal(0, afterTouch.GetProperty("parsed").GetInt32());
        Assert.Equal(1, afterTouch.GetProperty("touched").GetInt32());

        var edited = Path.Combine(tree, "urllib", "parse.py");
        await File.AppendAllTextAsync(edited, "\n\ndef freshly_added_function(x):\n    return x\n");
        var afterEdit = await IndexAsync();
        Assert.Equal(["urllib/parse.py"], afterEdit.GetProperty("first_parsed_paths").EnumerateArray().Select(p => p.GetString()));

        var search = await CliRun.InvokeAsync(home, "/", "search", "freshly_added_function", "--mode", "symbol", "--json");
        using var reply = JsonDocument.Parse(search.Out);
        Assert.Equal("urllib/parse.py", reply.RootElement.GetProperty("hits")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task Deleted_files_are_purged_with_their_symbols()
    {
        await IndexAsync();
        File.Delete(Path.Combine(tree, "json", "scanner.py"));

        var summary = await IndexAsync();

        Assert.Equal(1, summary.GetProperty("deleted").GetInt32());
        var search = await CliRun.InvokeAsync(home, "/", "search", "py_make_scanner", "--mode", "symbol", "--json", "--kind", "function");
        using var reply = JsonDocument.Parse(search.Out);
        Assert.DoesNotContain(reply.RootElement.GetProperty("hits").EnumerateArray(), h => h.GetProperty("path").GetString() == "json/scanner.py");
    }

    public void Dispose()
    {
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private async Task<JsonElement> IndexAsync()
    {
        var run = await CliRun.InvokeAsync(home, "/", "index", tree, "--json", "--no-embeddings");
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*.py", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

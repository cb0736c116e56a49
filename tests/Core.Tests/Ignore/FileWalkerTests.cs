using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Tests.Support;
using Ragex.Core.Walk;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Ignore;

public sealed class FileWalkerTests
{
    [Fact]
    public void Files_over_the_size_limit_are_skipped_and_counted()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("small.txt", "abc");
        tree.Write("large.txt", new string('x', 2000));
        var statistics = new WalkStatistics();

        var walked = new FileWalker(new WalkOptions { MaxFileSize = 1000 }).Walk(tree.Path, statistics).Select(f => f.RelativePath).ToList();

        Assert.Equal(["small.txt"], walked);
        Assert.Equal(1, statistics.Skipped[SkipReason.TooLarge]);
    }

    [Fact]
    public void Symbolic_links_are_not_followed()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("real/a.txt");
        Directory.CreateSymbolicLink(tree.Combine("link"), tree.Combine("real"));

        var walked = new FileWalker(new WalkOptions()).Walk(tree.Path, new WalkStatistics()).Select(f => f.RelativePath).ToList();

        Assert.Equal(["real/a.txt"], walked);
    }

    [Fact]
    public void Walk_order_is_ordinal_and_depth_first()
    {
        using var tree = new TemporaryDirectory();
        foreach (var path in new[] { "b.txt", "a/z.txt", "a/b/c.txt", "B.txt" })
        {
            tree.Write(path);
        }

        var walked = new FileWalker(new WalkOptions()).Walk(tree.Path, new WalkStatistics()).Select(f => f.RelativePath).ToList();

        Assert.Equal(["B.txt", "b.txt", "a/z.txt", "a/b/c.txt"], walked);
    }

    [Fact]
    public async Task Regex_mode_leaves_out_the_files_the_index_found_too_large_without_a_size_flag()
    {
        using var tree = new TemporaryDirectory();
        using var home = new TemporaryDirectory();
        tree.Write("small.txt", "needle\n");
        tree.Write("big [1]*.txt", "needle\n" + new string('x', 2000));
        tree.Write("sub/big?.txt", "needle\n" + new string('x', 2000));
        tree.Write("sub/bigX.txt", "needle\n");
        var registry = new ProjectRegistry(new Configuration.RagexHome(home.Path));
        var options = new IndexerOptions { Walk = new WalkOptions { MaxFileSize = 1000 } };
        await new ProjectIndexer(registry, options, new Ragex.Core.Symbols.CtagsRunner()).IndexAsync(tree.Path, null, CancellationToken.None);
        var project = registry.Find(tree.Path)!;
        var request = new SearchRequest("needle", SearchMode.Regex);

        var hits = await new RegexSearcher().SearchAsync(new SearchScope(project, []), request, CancellationToken.None);

        Assert.DoesNotContain("--max-filesize", RipgrepArguments.For(new SearchScope(project, []), request));
        Assert.Equal(["small.txt", "sub/bigX.txt"], hits.Select(h => h.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Binary_files_are_skipped_by_the_indexer_with_a_counted_reason()
    {
        using var tree = new TemporaryDirectory();
        using var home = new TemporaryDirectory();
        tree.Write("text.py", "def f():\n    pass\n");
        File.WriteAllBytes(tree.Combine("blob.bin"), [1, 2, 0, 3]);
        var indexer = new ProjectIndexer(new ProjectRegistry(new Configuration.RagexHome(home.Path)), new IndexerOptions(), new Ragex.Core.Symbols.CtagsRunner());

        var summary = await indexer.IndexAsync(tree.Path, null, CancellationToken.None);

        Assert.Equal(1, summary.Files);
        Assert.Equal(1, summary.Skipped[SkipReason.Binary]);
    }

    [Fact]
    public async Task A_fifo_is_skipped_as_not_a_regular_file_and_indexing_finishes()
    {
        using var tree = new TemporaryDirectory();
        using var home = new TemporaryDirectory();
        tree.Write("text.py", "def f():\n    pass\n");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [tree.Combine("pipe.py")]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var indexer = new ProjectIndexer(new ProjectRegistry(new Configuration.RagexHome(home.Path)), new IndexerOptions(), new Ragex.Core.Symbols.CtagsRunner());
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var summary = await indexer.IndexAsync(tree.Path, null, deadline.Token);

        Assert.Equal(1, summary.Files);
        Assert.Equal(1, summary.Skipped[SkipReason.NotRegularFile]);
    }

    [Fact]
    public async Task A_file_ctags_fails_on_costs_only_itself_not_its_batch()
    {
        using var tree = new TemporaryDirectory();
        using var home = new TemporaryDirectory();
        for (var i = 0; i < 6; i++)
        {
            tree.Write($"ok{i}.py", $"def f{i}():\n    pass\n");
        }

        tree.Write("poison.py", "def g():\n    pass\n");
        // Fault injection: a ctags that fails whenever its file list names poison.py, and is the real one otherwise.
        var faultInjectingCtags = tree.Write("fault-injecting-ctags.sh", "#!/bin/sh\nlist=$(cat)\ncase \"$list\" in *poison.py*) exit 1;; esac\nprintf '%s\\n' \"$list\" | exec ctags \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(faultInjectingCtags, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        File.WriteAllText(tree.Combine(".ragexignore"), "*.sh\n");
        var indexer = new ProjectIndexer(new ProjectRegistry(new Configuration.RagexHome(home.Path)), new IndexerOptions(), new Ragex.Core.Symbols.CtagsRunner(faultInjectingCtags));

        var summary = await indexer.IndexAsync(tree.Path, null, CancellationToken.None);

        Assert.Equal(6, summary.Files);
        Assert.Equal(1, summary.Skipped[SkipReason.SymbolExtractionFailed]);
        Assert.Equal(6, summary.Symbols);
    }

    [Theory]
    [InlineData("*.log", "", "*.log")]
    [InlineData("/gen/", "sub", "sub/gen/")]
    [InlineData("a/b.txt", "sub", "sub/a/b.txt")]
    [InlineData("tmp/", "sub", "sub/**/tmp/")]
    [InlineData("!keep.txt", "x/y", "!x/y/**/keep.txt")]
    public void Nested_ragexignore_rules_are_anchored_for_ripgrep(string rule, string directory, string expected) =>
        Assert.Equal(expected, RipgrepIgnoreFile.Anchor(rule, directory));
}

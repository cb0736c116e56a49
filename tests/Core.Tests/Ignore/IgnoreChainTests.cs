using Ragex.Core.Ignore;
using Ragex.Core.Tests.Support;
using Ragex.Core.Walk;

namespace Ragex.Core.Tests.Ignore;

public sealed class IgnoreChainTests : IDisposable
{
    private readonly TemporaryDirectory tree = new();

    public IgnoreChainTests()
    {
        tree.Write(".gitignore", "*.log\n!keep.log\nvendor/\n!vendor/kept.c\n*.md\n");
        tree.Write(".ragexignore", "!.github/\n!dist/\ngenerated/\n");
        tree.Write("main.py");
        tree.Write("debug.log");
        tree.Write("keep.log");
        tree.Write("README.md");
        tree.Write("vendor/lib.c");
        tree.Write("vendor/kept.c");
        tree.Write("node_modules/pkg/index.js");
        tree.Write("build/out.o");
        tree.Write("dist/app.js");
        tree.Write(".git/config");
        tree.Write(".github/workflows/ci.yml");
        tree.Write(".hidden/notes.txt");
        tree.Write(".env");
        tree.Write("src/a.py");
        tree.Write("src/.a.py.swp");
        tree.Write("src/generated/g.py");
        tree.Write("src/node_modules/x.js");
        tree.Write("src/sub/.gitignore", "*.txt\n!*.log\n");
        tree.Write("src/sub/x.txt");
        tree.Write("src/sub/trace.log");
        tree.Write("src/sub/deeper/.gitignore", "!important.txt\n");
        tree.Write("src/sub/deeper/important.txt");
        tree.Write("src/sub/deeper/other.txt");
        tree.Write("docs/.ragexignore", "!*.md\n");
        tree.Write("docs/guide.md");
    }

    [Fact]
    public void The_tree_exercises_every_kind_of_rule()
    {
        Assert.Equal(
            [
                ".github/workflows/ci.yml", "dist/app.js", "docs/guide.md", "keep.log", "main.py", "src/a.py",
                "src/sub/deeper/important.txt", "src/sub/trace.log",
            ],
            Walked().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Agrees_with_the_walker_on_every_file_of_the_tree()
    {
        var walked = Walked();
        var all = Directory.EnumerateFiles(tree.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tree.Path, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        var disagreements = all.Where(f => IgnoreChain.IsIgnored(tree.Path, f, isDirectory: false) == walked.Contains(f)).ToList();

        Assert.Equal(27, all.Count);
        Assert.Empty(disagreements);
    }

    [Fact]
    public void A_shared_cache_gives_the_same_answers()
    {
        var cache = new Dictionary<string, IgnoreRules>();
        var all = Directory.EnumerateFiles(tree.Path, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(tree.Path, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToList();

        foreach (var file in all)
        {
            Assert.Equal(IgnoreChain.IsIgnored(tree.Path, file, false), IgnoreChain.IsIgnored(tree.Path, file, false, cache));
        }

        Assert.Contains("src/sub/deeper", cache.Keys);
    }

    [Theory]
    [InlineData("", true, false)]
    [InlineData("src", true, false)]
    [InlineData("node_modules", true, true)]
    [InlineData("node_modules", false, false)]
    [InlineData("src/node_modules/new/file.js", false, true)]
    [InlineData(".hidden", true, true)]
    [InlineData(".github", true, false)]
    [InlineData("vendor/kept.c", false, true)]
    [InlineData("src/sub/deeper/new.txt", false, true)]
    [InlineData("src/sub/deeper/important.txt", false, false)]
    [InlineData("not/yet/created.py", false, false)]
    [InlineData("not/yet/created.log", false, true)]
    public void Decides_paths_that_the_walk_has_not_seen(string path, bool isDirectory, bool expected) =>
        Assert.Equal(expected, IgnoreChain.IsIgnored(tree.Path, path, isDirectory));

    public void Dispose() => tree.Dispose();

    private HashSet<string> Walked() =>
        new FileWalker(new WalkOptions()).Walk(tree.Path, new WalkStatistics()).Select(f => f.RelativePath).ToHashSet();
}

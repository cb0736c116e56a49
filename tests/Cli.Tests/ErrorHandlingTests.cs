using System.Diagnostics;

namespace Ragex.Cli.Tests;

/// <summary>
/// Bad input through the real `ragex` executable: one line on stderr, exit 2, no stack trace; no hits is exit 1.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ErrorHandlingTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = Directory.CreateTempSubdirectory("ragex-tree-").FullName;

    public ErrorHandlingTests()
    {
        File.WriteAllText(Path.Combine(tree, "a.py"), "def alpha():\n    return 1\n");
        Assert.Equal(0, Run("index", tree, "--no-embeddings").ExitCode);
    }

    [Fact]
    public void A_hit_exits_zero() => Assert.Equal(0, Run("search", "alpha", tree).ExitCode);

    [Fact]
    public void No_hit_exits_one_and_prints_nothing()
    {
        var run = Run("search", "--mode", "regex", "zzz_not_there", tree);
        Assert.Equal((1, "", ""), (run.ExitCode, run.Out, run.Error));
    }

    [Theory]
    [InlineData("invalid regex", "search", "--mode", "regex", "(unclosed")]
    [InlineData("no such file or directory", "search", "alpha", "/no/such/path")]
    [InlineData("not inside an indexed project", "search", "alpha", "/tmp")]
    [InlineData("unrecognized", "search", "alpha", "--no-such-flag")]
    [InlineData("no such directory", "index", "/no/such/dir")]
    [InlineData("no such indexed project", "rm", "ffffffffffff")]
    public void Bad_input_gets_one_line_and_exit_two(string expected, params string[] args)
    {
        var run = Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void An_unreadable_database_is_one_line_without_a_stack_trace()
    {
        var database = Directory.EnumerateFiles(Path.Combine(home, "projects"), "index.db", SearchOption.AllDirectories).Single();
        File.WriteAllText(database, new string('x', 4096));
        foreach (var sidecar in new[] { "-wal", "-shm" })
        {
            File.Delete(database + sidecar);
        }

        var run = Run("search", "alpha", "--mode", "symbol", tree);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_writes_a_template_once_and_never_overwrites()
    {
        Assert.Equal(0, Run("init", tree).ExitCode);
        var path = Path.Combine(tree, ".ragexignore");
        File.WriteAllText(path, "mine\n");

        var again = Run("init", tree);

        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal("mine\n", File.ReadAllText(path));
    }

    [Fact]
    public void Rm_forgets_the_project()
    {
        Assert.Equal(0, Run("rm", tree).ExitCode);
        Assert.Equal(1, Run("ls").ExitCode);
    }

    public void Dispose()
    {
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private CliRun Run(params string[] args)
    {
        var startInfo = PublishedRagex.StartInfo(home, args);
        startInfo.Environment[CliContext.NoDaemonVariable] = "1";
        return PublishedRagex.Run(startInfo);
    }
}

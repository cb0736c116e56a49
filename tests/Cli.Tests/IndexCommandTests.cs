using Ragex.Cli.Commands;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Tests;

/// <summary>`ragex index --verbose` lists the parsed paths the reply carries and counts the rest.</summary>
public sealed class IndexCommandTests
{
    private static ProjectIndexed Indexed(int parsed, params string[] paths) =>
        new("p", "/r", parsed, parsed, 0, 0, 0, 0, 0, 0.1) { FirstParsedPaths = paths };

    [Fact]
    public void The_stages_line_gives_each_stage_its_seconds_and_rate()
    {
        var stages = new IndexStages(Walk: 1, Ctags: 4, Chunking: 2, StaticVectors: 0.5, StaticVectorChunks: 5000, Store: 8, Completion: 3);

        Assert.Equal(
            "walk 1.0 s, ctags 4.0 s (1,000 files/s), chunking 2.0 s (2,000 files/s), static vectors 0.5 s (10,000 chunks/s), "
            + "store 8.0 s (500 files/s), completion 3.0 s (seconds of work, summed over workers)",
            stages.Describe(parsedFiles: 4000));
    }

    [Fact]
    public void A_small_run_lists_every_parsed_path()
    {
        Assert.Equal(["  parsed a.py", "  parsed b.py", ""], IndexCommand.DescribeParsed(Indexed(2, "a.py", "b.py")).Split(Environment.NewLine));
    }

    [Fact]
    public void A_large_run_lists_the_first_paths_and_how_many_more()
    {
        var lines = IndexCommand.DescribeParsed(Indexed(3002, [.. Enumerable.Range(0, ProjectIndexed.FirstParsedPathsLimit).Select(i => $"m{i:00}.py")]))
            .Split(Environment.NewLine);

        Assert.Equal(ProjectIndexed.FirstParsedPathsLimit + 2, lines.Length);
        Assert.Equal("  parsed m00.py", lines[0]);
        Assert.Equal("  … and 2982 more", lines[^2]);
    }
}

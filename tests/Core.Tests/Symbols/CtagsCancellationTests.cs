using System.Diagnostics;
using System.Runtime.Versioning;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;
using Ragex.Tests;

namespace Ragex.Core.Tests.Symbols;

/// <summary>A cancelled extraction ends at once and kills its ctags with whatever it started.</summary>
public sealed class CtagsCancellationTests
{
    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task A_cancelled_extraction_kills_a_ctags_that_hangs_without_output_and_its_children()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("module.py", "def f():\n    pass\n");

        // Fault injection only: a "ctags" that reads its file list, then hangs in a child of its own and never writes.
        var hanging = tree.Write("fault-injected-hanging-ctags", "#!/bin/sh\ncat > /dev/null\nsleep 300\n");
        File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var before = ChildProcesses.Of();
        using var cancellation = new CancellationTokenSource();

        var extraction = new CtagsRunner(hanging).ExtractAsync(tree.Path, ["module.py"], cancellation.Token);
        var clock = Stopwatch.StartNew();
        var started = await FirstAsync(() => ChildProcesses.Of().Except(before).SelectMany(shell => ChildProcesses.Of(shell).Prepend(shell)).ToList(), p => p.Count == 2);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extraction.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Empty(await FirstAsync(() => started.Where(ChildProcesses.IsLive).ToList(), live => live.Count == 0));
    }

    /// <summary>The first value that satisfies <paramref name="done"/>, or the last one after 10 s.</summary>
    private static async Task<List<int>> FirstAsync(Func<List<int>> read, Func<List<int>, bool> done)
    {
        var clock = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
            value = read();
        }

        return value;
    }
}

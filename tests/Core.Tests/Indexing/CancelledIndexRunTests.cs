using System.Diagnostics;
using System.Text;
using Ragex.Core.Configuration;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;
using Ragex.Tests;

namespace Ragex.Core.Tests.Indexing;

/// <summary>Cancelling an index run (Ctrl+C, a removed project, a stopping daemon) kills the ctags it started.</summary>
public sealed class CancelledIndexRunTests
{
    // A name of its own (a link to universal-ctags), so the ctags of tests running alongside are not counted.
    private const string CtagsName = "ctags-cancelled";

    [Fact]
    public async Task A_cancelled_index_run_leaves_no_ctags_process_behind()
    {
        using var home = new TemporaryDirectory();
        using var tree = new TemporaryDirectory();
        for (var i = 0; i < 1200; i++)
        {
            tree.Write($"pkg{i % 30}/module_{i}.py", Module(i));
        }

        var ctags = home.Combine(CtagsName);
        File.CreateSymbolicLink(ctags, Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "ctags")).First(File.Exists));
        var options = new IndexerOptions { CtagsBatchSize = 400, Parallelism = 2 };
        var indexer = new ProjectIndexer(new ProjectRegistry(new RagexHome(home.Combine("home"))), options, new CtagsRunner(ctags));
        using var cancellation = new CancellationTokenSource();

        var run = indexer.IndexAsync(tree.Path, null, cancellation.Token);
        var clock = Stopwatch.StartNew();
        while (ChildProcesses.Of(name: CtagsName).Count == 0 && !run.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        Assert.NotEmpty(ChildProcesses.Of(name: CtagsName));
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // Killed before the run ends; dead a moment later.
        clock.Restart();
        while (ChildProcesses.Of(name: CtagsName).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(10);
        }

        Assert.Empty(ChildProcesses.Of(name: CtagsName));
    }

    private static string Module(int index)
    {
        var text = new StringBuilder();
        for (var f = 0; f < 40; f++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"def function_{index}_{f}(value):\n    return value + {f}\n\n\n");
        }

        return text.ToString();
    }
}

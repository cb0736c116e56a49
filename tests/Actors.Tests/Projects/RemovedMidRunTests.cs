using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Symbols;
using Ragex.Protocol.Daemon;
using Ragex.Tests;

namespace Ragex.Actors.Tests.Projects;

/// <summary>A project removed while it indexes: its ctags are killed and the request waiting on the run is answered.</summary>
public sealed class RemovedMidRunTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    // The real universal-ctags under a name of its own, so the ctags of tests running alongside are not counted.
    private const string CtagsName = "ctags-removed";

    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public async Task A_project_removed_mid_run_leaves_no_ctags_process_behind_and_its_request_is_answered()
    {
        for (var i = 0; i < 1200; i++)
        {
            Directory.CreateDirectory(Path.Combine(tree, $"pkg{i % 30}"));
            await File.WriteAllTextAsync(Path.Combine(tree, $"pkg{i % 30}", $"module_{i}.py"), Module(i));
        }

        var ctags = Path.Combine(home, CtagsName);
        File.CreateSymbolicLink(ctags, Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, "ctags")).First(File.Exists));
        var services = RagexServices.Create(
            new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "models")), new IndexerOptions { CtagsBatchSize = 400 }) with
        {
            CtagsFor = _ => new CtagsRunner(ctags),
        };
        var supervisor = TestSupervisor.Create(Sys, services);
        var indexing = CreateTestProbe();

        supervisor.Tell(new IndexProject(tree, Embeddings: false), indexing);
        var clock = Stopwatch.StartNew();
        while (ChildProcesses.Of(name: CtagsName).Count == 0 && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        Assert.NotEmpty(ChildProcesses.Of(name: CtagsName));
        supervisor.Tell(new RemoveProject(tree));
        ExpectMsg<ProjectRemoved>(TimeSpan.FromSeconds(10));
        Assert.Contains("stopped before it finished", indexing.ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(5)).Message, StringComparison.Ordinal);

        clock.Restart();
        while (ChildProcesses.Of(name: CtagsName).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(10);
        }

        Assert.Empty(ChildProcesses.Of(name: CtagsName));
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private static string Module(int index)
    {
        var text = new StringBuilder();
        for (var f = 0; f < 40; f++)
        {
            text.Append(CultureInfo.InvariantCulture, $"def function_{index}_{f}(value):\n    return value + {f}\n\n\n");
        }

        return text.ToString();
    }
}

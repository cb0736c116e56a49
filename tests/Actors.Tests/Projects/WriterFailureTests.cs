using System.Diagnostics;
using Akka.Actor;
using Ragex.Actors.Requests;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Tests.Projects;

/// <summary>A project whose index writer cannot start fails its requests at once; the other projects are not touched.</summary>
public sealed class WriterFailureTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly ModuleTrees trees = new();

    [Fact]
    public void An_index_writer_that_fails_to_start_fails_the_request_in_seconds_and_other_projects_keep_serving()
    {
        var broken = Tree("def broken():\n    pass\n");
        var healthy = Tree("def healthy():\n    pass\n");
        var services = RagexServices.Create(new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "models"))) with
        {
            OpenIndexWriter = new FailingIndexWriterFactory(broken).Open,
        };
        var router = Sys.ActorOf(RequestRouter.Props(services, TestSupervisor.Create(Sys, services)));
        router.Tell(new IndexProject(healthy, Embeddings: false));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        router.Tell(new IndexProject(broken, Embeddings: false));
        Assert.Contains(FailingIndexWriterFactory.Reason, ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(10)).Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));

        // Asked again, the broken project fails again (a new writer, the same fault), and the healthy one goes on.
        router.Tell(new IndexProject(broken, Embeddings: false));
        ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(10));
        File.WriteAllText(Path.Combine(healthy, "added.py"), "def added():\n    pass\n");
        router.Tell(new IndexProject(healthy, Embeddings: false));
        var indexed = ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        Assert.Equal((2, 1), (indexed.Files, indexed.Parsed));
        router.Tell(new SearchQuery(new SearchRequest("added", SearchMode.Symbol), healthy));
        Assert.Equal("added.py", Assert.Single(ExpectMsg<SearchReply>(TimeSpan.FromSeconds(10)).Hits).Path);

        router.Tell(new StatusQuery());
        var status = ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10));
        Assert.Contains(FailingIndexWriterFactory.Reason, status.Projects.Single(p => p.Root == broken).LastError, StringComparison.Ordinal);
        var served = status.Projects.Single(p => p.Root == healthy);
        Assert.Equal((2L, null), (served.Files, served.LastError));
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        trees.Dispose();
    }

    private string Tree(string content) => trees.Add(content);
}

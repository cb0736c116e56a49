using Akka.Actor;
using Ragex.Actors.Embedding;
using Ragex.Actors.Projects;
using Ragex.Actors.Tests.Embedding;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Tests.Projects;

/// <summary>The project actors over the real engine (ctags, SQLite, ripgrep), symbols and text only.</summary>
public sealed class ProjectsSupervisorTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly ModuleTrees trees = new();

    [Fact]
    public void Indexing_registers_the_project_and_status_reports_it()
    {
        var tree = Tree("def alpha():\n    return 1\n");
        var supervisor = TestSupervisor.Create(Sys, Services());

        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        var indexed = ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        Assert.Equal((1, 1), (indexed.Files, indexed.Parsed));
        Assert.All(
            [indexed.Stages.Walk, indexed.Stages.Ctags, indexed.Stages.Chunking, indexed.Stages.Store, indexed.Stages.Completion],
            seconds => Assert.InRange(seconds, 1e-9, indexed.Seconds));
        Assert.Equal((0, 0L), (indexed.Stages.StaticVectors, indexed.Stages.StaticVectorChunks)); // no embeddings asked for

        supervisor.Tell(new StatusQuery());
        var status = ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10));
        var project = Assert.Single(status.Projects);
        Assert.Equal((tree, 1L), (project.Root, project.Files));
        Assert.Equal(Environment.ProcessId, status.ProcessId);
    }

    [Fact]
    public void An_unreadable_index_is_moved_aside_and_rebuilt_and_status_says_so()
    {
        var tree = Tree("def gamma():\n    return 3\n");
        var project = new ProjectRegistry(new RagexHome(home)).Register(tree);
        Directory.CreateDirectory(Path.GetDirectoryName(project.DatabasePath)!);
        File.WriteAllText(project.DatabasePath, "this is not a SQLite database, only text long enough to hold a header............");
        var supervisor = TestSupervisor.Create(Sys, Services());

        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        var indexed = ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));

        // The registry lists the project although its database is unreadable, so the supervisor restores it and may
        // rebuild it before the request's run, which then finds nothing left to parse.
        Assert.Equal(1, indexed.Files);
        var broken = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(project.DatabasePath)!, "index.db.broken-*"));
        Assert.StartsWith("this is not a SQLite database", File.ReadAllText(broken), StringComparison.Ordinal);
        supervisor.Tell(new StatusQuery());
        var status = Assert.Single(ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10)).Projects);
        Assert.Contains("rebuilt from the files", status.Repaired, StringComparison.Ordinal);
        Assert.Null(status.LastError);
    }

    [Fact]
    public void An_index_the_writer_cannot_open_fails_the_request_with_the_reason_instead_of_leaving_it_waiting()
    {
        var tree = Tree("def delta():\n    return 4\n");
        var project = new ProjectRegistry(new RagexHome(home)).Register(tree);
        File.Delete(project.DatabasePath);
        Directory.CreateDirectory(project.DatabasePath);
        var supervisor = TestSupervisor.Create(Sys, Services());

        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        Assert.Contains("index database", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(10)).Message, StringComparison.Ordinal);

        // The next request starts a new writer, which succeeds once the obstacle is gone.
        Directory.Delete(project.DatabasePath);
        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        Assert.Equal(1, ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30)).Files);
    }

    [Fact]
    public void A_missing_directory_is_an_error_reply_and_other_projects_keep_working()
    {
        var tree = Tree("def beta():\n    pass\n");
        var supervisor = TestSupervisor.Create(Sys, Services());

        supervisor.Tell(new IndexProject("/no/such/dir", Embeddings: false));
        Assert.Contains("no/such/dir", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(10)).Message, StringComparison.Ordinal);

        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_new_supervisor_restores_and_reconciles_every_registered_project()
    {
        var trees = new[] { Tree("def one():\n    pass\n"), Tree("def two():\n    pass\n"), Tree("def three():\n    pass\n") };
        var first = TestSupervisor.Create(Sys, Services());
        foreach (var tree in trees)
        {
            first.Tell(new IndexProject(tree, Embeddings: false));
            ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        }

        Sys.Stop(first);
        File.WriteAllText(Path.Combine(trees[1], "added_while_down.py"), "def added_while_down():\n    pass\n");
        var second = TestSupervisor.Create(Sys, Services());

        AwaitAssert(
            () =>
            {
                second.Tell(new StatusQuery());
                var status = ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10));
                Assert.Equal(trees.Order(StringComparer.Ordinal), status.Projects.Select(p => p.Root));
                Assert.Equal(2, status.Projects.Single(p => p.Root == trees[1]).Files);
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_project_whose_symbol_extraction_fails_reports_it_and_the_others_keep_indexing()
    {
        var broken = Tree("def broken():\n    pass\n");
        var healthy = Tree("def healthy():\n    pass\n");
        var services = Services() with
        {
            CtagsFor = project => new Ragex.Core.Symbols.CtagsRunner(project.Root == broken ? "fault-injected-missing-ctags" : "ctags"),
        };
        var supervisor = TestSupervisor.Create(Sys, services);

        supervisor.Tell(new IndexProject(broken, Embeddings: false));
        Assert.Contains("fault-injected-missing-ctags", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(30)).Message, StringComparison.Ordinal);
        supervisor.Tell(new IndexProject(healthy, Embeddings: false));
        Assert.Equal(1, ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30)).Parsed);

        supervisor.Tell(new StatusQuery());
        var status = ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10));
        Assert.Contains("fault-injected-missing-ctags", status.Projects.Single(p => p.Root == broken).LastError, StringComparison.Ordinal);
        Assert.Null(status.Projects.Single(p => p.Root == healthy).LastError);
    }

    [Fact]
    public void A_project_whose_text_breaks_the_embedder_fails_alone_and_the_other_is_fully_embedded()
    {
        var poisoned = Tree($"def poisoned():\n    '''{FaultInjectingEmbedder.Poison}'''\n");
        var healthy = Tree("def healthy():\n    return 2\n");
        var services = RagexServices.Create(
            new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment())));
        var embedder = new FaultInjectingEmbedder();
        var pool = Sys.ActorOf(EmbedderPool.Props(() => embedder, () => embedder, services.EmbedderPool));
        var supervisor = Sys.ActorOf(ProjectsSupervisor.Props(services, pool));

        supervisor.Tell(new IndexProject(poisoned, Embeddings: true, WaitForAllTiers: true));
        Assert.Contains("fault injected", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(30)).Message, StringComparison.Ordinal);
        supervisor.Tell(new IndexProject(healthy, Embeddings: true, WaitForAllTiers: true));
        var indexed = ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        Assert.True(indexed.Chunks > 0);
        Assert.Equal(indexed.Chunks, indexed.EmbeddedChunks);

        supervisor.Tell(new StatusQuery());
        var status = ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10));
        Assert.Contains("fault injected", status.Projects.Single(p => p.Root == poisoned).LastError, StringComparison.Ordinal);
        Assert.Null(status.Projects.Single(p => p.Root == healthy).LastError);
    }

    [Fact]
    public void A_project_indexed_without_embeddings_is_not_embedded_by_the_runs_after_a_restart()
    {
        // No model is installed in this home: a run that tried to embed would fail and report it.
        var tree = Tree("def first():\n    pass\n");
        var first = TestSupervisor.Create(Sys, Services());
        first.Tell(new IndexProject(tree, Embeddings: false));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        Sys.Stop(first);

        File.WriteAllText(Path.Combine(tree, "added_while_down.py"), "def added_while_down():\n    pass\n");
        var second = TestSupervisor.Create(Sys, Services());

        AwaitAssert(
            () =>
            {
                second.Tell(new StatusQuery());
                var project = Assert.Single(ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10)).Projects);
                Assert.Equal((2L, 0L, null, null), (project.Files, project.EmbeddedChunks, project.Phase, project.LastError));
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_first_index_loaded_in_bulk_merges_its_keyword_index_afterwards_and_keeps_it_searchable()
    {
        var tree = Tree("def module_entry():\n    pass\n");
        foreach (var i in Enumerable.Range(0, 1200))
        {
            File.WriteAllText(Path.Combine(tree, $"generated_{i:0000}.py"), $"def handler_{i}(request):\n    return dispatch_table[{i}]\n");
        }

        var services = Services();
        var supervisor = TestSupervisor.Create(Sys, services);

        EventFilter.Info(contains: "Merged the keyword index of " + tree).ExpectOne(
            TimeSpan.FromSeconds(60),
            () =>
            {
                supervisor.Tell(new IndexProject(tree, Embeddings: false));
                Assert.Equal(1201, ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(60)).Files);
            });

        var project = services.Registry.Find(tree)!;
        using var database = Ragex.Core.Storage.IndexDatabase.Open(project.DatabasePath, readOnly: true);
        Assert.Equal(1, database.KeywordSegments());
        Assert.Equal(1200, database.Chunks.KeywordSearch("\"dispatch\"", 4.0, 1.0, 1.0, 5000).Count);
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        trees.Dispose();
    }

    private RagexServices Services() =>
        RagexServices.Create(new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "models")));

    private string Tree(string content) => trees.Add(content);
}

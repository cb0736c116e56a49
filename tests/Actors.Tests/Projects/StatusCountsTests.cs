using Akka.Actor;
using Ragex.Actors.Embedding;
using Ragex.Actors.Projects;
using Ragex.Actors.Tests.Embedding;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Tests.Projects;

/// <summary>Status answers from counts the project keeps in memory, equal to the committed index's, without reading it.</summary>
public sealed class StatusCountsTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public void Status_counts_equal_the_databases_after_each_run_and_status_never_reads_the_database()
    {
        File.WriteAllText(Path.Combine(tree, "one.py"), "def one():\n    return 1\n\n\ndef two():\n    return 2\n");
        File.WriteAllText(Path.Combine(tree, "three.py"), "def three():\n    return 3\n");
        var registry = new ProjectRegistry(new RagexHome(home));
        var services = RagexServices.Create(registry, new EmbedderProvider(EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment())));
        var embedder = new FaultInjectingEmbedder();
        var supervisor = Sys.ActorOf(ProjectsSupervisor.Props(services, Sys.ActorOf(EmbedderPool.Props(() => embedder, () => embedder, services.EmbedderPool))));

        supervisor.Tell(new IndexProject(tree, Embeddings: true, WaitForAllTiers: true));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        var project = registry.Find(tree)!;
        Assert.Equal(DatabaseCounts(project), StatusCounts(supervisor));

        File.Delete(Path.Combine(tree, "three.py"));
        File.WriteAllText(Path.Combine(tree, "four.py"), "def four():\n    return 4\n\n\ndef five():\n    return 5\n");
        supervisor.Tell(new IndexProject(tree, Embeddings: true, WaitForAllTiers: true));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
        var committed = DatabaseCounts(project);
        Assert.Equal(committed, StatusCounts(supervisor));
        Assert.Equal((2L, committed.Chunks), (committed.Files, committed.Embedded));

        // A status that counted in the database would find none here (the writer keeps its open handle).
        var aside = project.DatabasePath + ".aside";
        File.Move(project.DatabasePath, aside);
        try
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(committed, StatusCounts(supervisor));
            }
        }
        finally
        {
            File.Move(aside, project.DatabasePath);
        }
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private static (long Files, long Chunks, long Embedded, long Static) DatabaseCounts(Project project)
    {
        using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
        return (database.Files.Count(), database.Chunks.Count(), database.Chunks.CountEmbedded(), database.Chunks.CountStatic());
    }

    private (long Files, long Chunks, long Embedded, long Static) StatusCounts(IActorRef supervisor)
    {
        supervisor.Tell(new StatusQuery());
        var status = Assert.Single(ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10)).Projects);
        return (status.Files, status.Chunks, status.EmbeddedChunks, status.StaticChunks);
    }
}

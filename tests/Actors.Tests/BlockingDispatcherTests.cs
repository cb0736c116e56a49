using Akka.Actor;
using Ragex.Actors.Tests.Projects;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Tests;

/// <summary>The actors that block a thread run on <see cref="BlockingDispatcher"/>, the others on the default one.</summary>
public sealed class BlockingDispatcherTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public async Task The_index_writer_and_the_embedder_workers_run_on_the_blocking_dispatcher_and_the_chunkers_do_not()
    {
        File.WriteAllText(Path.Combine(tree, "module.py"), "def alpha():\n    return 1\n");
        var services = RagexServices.Create(new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "models")));
        var supervisor = TestSupervisor.Create(Sys, services);
        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        var project = ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30)).ProjectId;

        Assert.Equal(BlockingDispatcher.Id, await DispatcherOfAsync($"/user/*/{project}/writer-*"));
        Assert.NotEqual(BlockingDispatcher.Id, await DispatcherOfAsync($"/user/*/{project}/chunkers/*"));
        Assert.Equal(BlockingDispatcher.Id, await DispatcherOfAsync("/user/*/worker-0"));
        Assert.NotEqual(BlockingDispatcher.Id, await DispatcherOfAsync($"/user/*/{project}"));
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private async Task<string> DispatcherOfAsync(string path)
    {
        // The first of the actors the path matches.
        var actor = await Sys.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(5));
        return ((ActorRefWithCell)actor).Underlying.Props.Dispatcher;
    }
}

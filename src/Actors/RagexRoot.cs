using Akka.Actor;
using Ragex.Actors.Embedding;
using Ragex.Actors.Projects;
using Ragex.Actors.Requests;

namespace Ragex.Actors;

/// <summary>
/// Top of the daemon's tree: the <see cref="ProjectsSupervisor"/>, the <see cref="RequestRouter"/> and the
/// <see cref="MemoryReleaseActor"/>. Clients talk
/// to the router (<see cref="RouterName"/>, under this actor); everything it needs is created here. In cluster mode
/// the same tree is the project owner (the cluster singleton <see cref="Cluster.ProjectOwner"/>), with the
/// <see cref="Cluster.ClusterEmbedderRouter"/> in place of the local pool.
/// </summary>
public sealed class RagexRoot : ReceiveActor
{
    public const string Name = "ragex";
    public const string RouterName = "requests";

    public RagexRoot(RagexServices services, Props embedderPool)
    {
        var embedders = Context.ActorOf(embedderPool, "embedders");
        var projects = Context.ActorOf(ProjectsSupervisor.Props(services, embedders), "projects");
        var router = Context.ActorOf(RequestRouter.Props(services, projects), RouterName);
        Context.ActorOf(MemoryReleaseActor.Props(services.Embedders, services.SymbolNames, services.Vectors), "memory");
        ReceiveAny(message => router.Forward(message));
    }

    public static Props Props(RagexServices services) =>
        Props(services, EmbedderPool.Props(services.Embedders, services.EmbedderPool));

    public static Props Props(RagexServices services, Props embedderPool) =>
        Akka.Actor.Props.Create(() => new RagexRoot(services, embedderPool));

    /// <summary>The pool, supervisor and router restart on failure; their state is rebuilt from the registry.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);
}

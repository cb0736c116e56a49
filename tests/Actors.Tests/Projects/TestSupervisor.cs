using Akka.Actor;
using Ragex.Actors.Embedding;
using Ragex.Actors.Projects;

namespace Ragex.Actors.Tests.Projects;

/// <summary>A <see cref="ProjectsSupervisor"/> with its own embedder pool, as <see cref="RagexRoot"/> wires them.</summary>
internal static class TestSupervisor
{
    public static IActorRef Create(ActorSystem system, RagexServices services) =>
        system.ActorOf(ProjectsSupervisor.Props(services, system.ActorOf(EmbedderPool.Props(services.Embedders, services.EmbedderPool))));
}

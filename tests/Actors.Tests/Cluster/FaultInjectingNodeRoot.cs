using Akka.Actor;
using Ragex.Actors.Cluster;

namespace Ragex.Actors.Tests.Cluster;

/// <summary>Fault injection only: a stand-in node root with the <see cref="FaultInjectingEmbedderService"/> where the router looks for an embedder service.</summary>
public sealed class FaultInjectingNodeRoot : ReceiveActor
{
    public FaultInjectingNodeRoot() => Context.ActorOf(Props.Create(() => new FaultInjectingEmbedderService()), ClusterRoot.EmbedderServiceName);
}

using Akka.Actor;
using Ragex.Protocol.Cluster;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Cluster;

/// <summary>
/// One client request in cluster mode: sent on to the project owner (through the singleton proxy) and its one answer
/// passed back to the client by this node, so a client only ever talks to the node it connected to (its loopback
/// address may mean nothing to the owner's machine). A status answer gets this node's own view added.
/// </summary>
public sealed class RequestRelay : ReceiveActor
{
    /// <summary>A full index of a large tree is one request; beyond this the owner is taken to be gone.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromHours(6);

    public RequestRelay(IDaemonRequest request, IActorRef client, IActorRef owner, ClusterNodeStatus node)
    {
        owner.Tell(request);
        SetReceiveTimeout(AnswerTimeout);
        Receive<ReceiveTimeout>(_ => Finish(client, new RequestFailed($"the project owner did not answer within {AnswerTimeout.TotalHours:0} h")));
        Receive<DaemonStatus>(status => Finish(client, status with { Node = node }));
        ReceiveAny(answer => Finish(client, answer));
    }

    public static Props Props(IDaemonRequest request, IActorRef client, IActorRef owner, ClusterNodeStatus node) =>
        Akka.Actor.Props.Create(() => new RequestRelay(request, client, owner, node));

    private void Finish(IActorRef client, object answer)
    {
        client.Tell(answer);
        Context.Stop(Self);
    }
}

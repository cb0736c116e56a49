using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Ragex.Actors.Embedding;
using Ragex.Actors.Messages;
using Ragex.Protocol.Cluster;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Cluster;

/// <summary>
/// Top of a cluster node's tree, at the path clients use (<c>/user/ragex</c>). On an embedder node it holds the node's
/// <see cref="EmbedderPool"/> and the <see cref="EmbedderService"/> the owner sends batches to. Every node relays client
/// requests to the <see cref="ProjectOwner"/> through the singleton proxy it is given (<see cref="RequestRelay"/>),
/// publishes its own projects' commits on the "index-updated" topic and keeps the latest event per project.
/// </summary>
public sealed class ClusterRoot : ReceiveActor
{
    public const string Name = RagexRoot.Name;
    public const string EmbedderServiceName = "embedder-service";
    public const string IndexUpdatedTopic = "index-updated";

    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly IActorRef mediator = DistributedPubSub.Get(Context.System).Mediator;
    private readonly Dictionary<string, IndexUpdated> updates = new(StringComparer.Ordinal);

    public ClusterRoot(RagexServices services, IActorRef owner)
    {
        if (cluster.SelfRoles.Contains(ClusterRoles.Embedder))
        {
            var pool = Context.ActorOf(EmbedderPool.Props(services.Embedders, services.EmbedderPool), "embedders");
            Context.ActorOf(EmbedderService.Props(pool), EmbedderServiceName);
        }

        Receive<IDaemonRequest>(request => Context.ActorOf(RequestRelay.Props(request, Sender, owner, NodeStatus())));
        Receive<ProjectIndexCommitted>(committed => mediator.Tell(new Publish(IndexUpdatedTopic,
            new IndexUpdated(committed.ProjectId, committed.Root, committed.Chunks, committed.EmbeddedChunks, cluster.SelfAddress.ToString()))));
        Receive<IndexUpdated>(updated => updates[updated.ProjectId] = updated);
        Receive<SubscribeAck>(_ => { });
    }

    /// <param name="owner">The proxy to the <see cref="ProjectOwner"/> singleton.</param>
    public static Props Props(RagexServices services, IActorRef owner) =>
        Akka.Actor.Props.Create(() => new ClusterRoot(services, owner));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(ProjectIndexCommitted));
        mediator.Tell(new Subscribe(IndexUpdatedTopic, Self));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private ClusterNodeStatus NodeStatus() =>
        new(cluster.SelfAddress.ToString(), [.. cluster.SelfRoles.Order(StringComparer.Ordinal)],
            [.. updates.Values.OrderBy(u => u.Root, StringComparer.Ordinal)]);
}

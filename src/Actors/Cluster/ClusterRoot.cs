using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Ragex.Actors.Embedding;
using Ragex.Actors.Messages;
using Ragex.Protocol.Cluster;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Cluster;

/// <summary>
/// Top of a cluster node's tree, at the path clients use (<c>/user/ragex</c>). By role:
/// <list type="bullet">
/// <item>embedder: the node's <see cref="EmbedderPool"/> and the <see cref="EmbedderService"/> the owner sends batches to;</item>
/// <item>indexer: a <see cref="ClusterSingletonManager"/> that runs the project owner (a <see cref="RagexRoot"/> whose
/// pool is the <see cref="ClusterEmbedderRouter"/>) on the oldest indexer node, so each project has one index writer.</item>
/// </list>
/// Every node relays client requests to the owner through a singleton proxy (<see cref="RequestRelay"/>), publishes
/// its own projects' commits on the "index-updated" topic and keeps the latest event per project.
/// </summary>
public sealed class ClusterRoot : ReceiveActor
{
    public const string Name = RagexRoot.Name;
    public const string EmbedderServiceName = "embedder-service";
    public const string OwnerName = "owner";
    public const string IndexUpdatedTopic = "index-updated";
    private const string SingletonName = "projects";

    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly IActorRef mediator = DistributedPubSub.Get(Context.System).Mediator;
    private readonly Dictionary<string, IndexUpdated> updates = new(StringComparer.Ordinal);
    private readonly IActorRef owner;

    public ClusterRoot(RagexServices services, ClusterEmbeddingOptions embedding)
    {
        if (cluster.SelfRoles.Contains(ClusterRoles.Embedder))
        {
            var pool = Context.ActorOf(EmbedderPool.Props(services.Embedders, services.EmbedderPool), "embedders");
            Context.ActorOf(EmbedderService.Props(pool), EmbedderServiceName);
        }

        if (cluster.SelfRoles.Contains(ClusterRoles.Indexer))
        {
            var ownerServices = services with { EmbedderPool = services.EmbedderPool with { InFlightPerProject = embedding.InFlightPerProject } };
            Context.ActorOf(ClusterSingletonManager.Props(
                RagexRoot.Props(ownerServices, ClusterEmbedderRouter.Props(embedding)),
                PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(Context.System).WithRole(ClusterRoles.Indexer).WithSingletonName(SingletonName)), OwnerName);
        }

        owner = Context.ActorOf(ClusterSingletonProxy.Props(
            $"/user/{Name}/{OwnerName}",
            ClusterSingletonProxySettings.Create(Context.System).WithRole(ClusterRoles.Indexer).WithSingletonName(SingletonName)), "owner-proxy");

        Receive<IDaemonRequest>(request => Context.ActorOf(RequestRelay.Props(request, Sender, owner, NodeStatus())));
        Receive<ProjectIndexCommitted>(committed => mediator.Tell(new Publish(IndexUpdatedTopic,
            new IndexUpdated(committed.ProjectId, committed.Root, committed.Chunks, committed.EmbeddedChunks, cluster.SelfAddress.ToString()))));
        Receive<IndexUpdated>(updated => updates[updated.ProjectId] = updated);
        Receive<SubscribeAck>(_ => { });
    }

    public static Props Props(RagexServices services, ClusterEmbeddingOptions embedding) =>
        Akka.Actor.Props.Create(() => new ClusterRoot(services, embedding));

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

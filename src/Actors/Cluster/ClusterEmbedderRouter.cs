using Akka.Actor;
using Akka.Event;
using Ragex.Actors.Messages;
using Ragex.Protocol.Cluster;
using ClusterEvent = Akka.Cluster.ClusterEvent;

namespace Ragex.Actors.Cluster;

/// <summary>
/// The index owner's embedder pool in cluster mode: it answers projects exactly like <see cref="Embedding.EmbedderPool"/>
/// (<see cref="ChunksEmbedded"/>, <see cref="EmbeddingFailed"/>, <see cref="EmbedderBusy"/>) but sends each request as
/// an <see cref="EmbedBatch"/> to the <see cref="EmbedderService"/> of a cluster member with the embedder role, the least
/// loaded first, at most <see cref="ClusterEmbeddingOptions.InFlightPerNode"/> per node. A batch whose node becomes
/// unreachable or leaves, refuses it, or does not answer in time is sent again elsewhere; the first answer for a batch
/// id wins and any later one is dropped, so every request is answered once: nothing lost, nothing stored twice.
/// </summary>
public sealed class ClusterEmbedderRouter : ReceiveActor, IWithTimers
{
    private readonly ClusterEmbeddingOptions options;
    private readonly Akka.Cluster.Cluster cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Dictionary<Address, EmbedderNode> nodes = [];
    private readonly LinkedList<PendingBatch> queue = new();
    private readonly Dictionary<long, PendingBatch> outstanding = [];
    private long nextBatchId;
    private long retries;
    private long duplicatesDropped;

    public ClusterEmbedderRouter(ClusterEmbeddingOptions options)
    {
        this.options = options;
        Receive<EmbedChunks>(Enqueue);
        Receive<BatchEmbedded>(Embedded);
        Receive<BatchFailed>(failed => Answered(failed.BatchId, batch => batch.ReplyTo.Tell(new EmbeddingFailed(batch.Request.Run, failed.Reason))));
        Receive<BatchRefused>(Refused);
        Receive<BatchTimedOut>(TimedOut);
        Receive<DispatchBatches>(_ => Dispatch());
        Receive<EmbedderPoolStatusQuery>(_ => Sender.Tell(Status()));
        Receive<ClusterEvent.CurrentClusterState>(state =>
        {
            foreach (var member in state.Members.Where(m => m.Status == Akka.Cluster.MemberStatus.Up))
            {
                MemberUp(member);
            }

            foreach (var member in state.Unreachable)
            {
                Unreachable(member.Address);
            }
        });
        Receive<ClusterEvent.MemberUp>(up => MemberUp(up.Member));
        Receive<ClusterEvent.MemberRemoved>(removed => Left(removed.Member.Address));
        Receive<ClusterEvent.MemberExited>(exited => Left(exited.Member.Address));
        Receive<ClusterEvent.UnreachableMember>(unreachable => Unreachable(unreachable.Member.Address));
        Receive<ClusterEvent.ReachableMember>(reachable => Reachable(reachable.Member.Address));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClusterEmbeddingOptions options) => Akka.Actor.Props.Create(() => new ClusterEmbedderRouter(options));

    protected override void PreStart() =>
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => cluster.Unsubscribe(Self);

    private void Enqueue(EmbedChunks request)
    {
        if (queue.Count >= options.QueueCapacity)
        {
            Sender.Tell(new EmbedderBusy(request));
            return;
        }

        queue.AddLast(new PendingBatch(++nextBatchId, request, Sender));
        Dispatch();
    }

    private void Dispatch()
    {
        var now = DateTime.UtcNow;
        while (queue.First is { } first && LeastLoaded(now) is { } node)
        {
            queue.RemoveFirst();
            var batch = first.Value;
            batch.Attempt++;
            batch.Node = node;
            node.InFlight.Add(batch.Id);
            outstanding[batch.Id] = batch;
            node.Service.Tell(new EmbedBatch(batch.Id, batch.Request.Texts), Self);
            Timers.StartSingleTimer(batch.Id, new BatchTimedOut(batch.Id, batch.Attempt), options.BatchTimeout);
        }
    }

    /// <summary>Ties go to the node that has done less, so two idle nodes share the work from the first batch.</summary>
    private EmbedderNode? LeastLoaded(DateTime now) => nodes.Values
        .Where(n => n.Reachable && n.RefusingUntil <= now && n.InFlight.Count < options.InFlightPerNode)
        .OrderBy(n => n.InFlight.Count).ThenBy(n => n.BatchesEmbedded).ThenBy(n => n.Address.ToString(), StringComparer.Ordinal)
        .FirstOrDefault();

    private void Embedded(BatchEmbedded embedded)
    {
        if (!outstanding.TryGetValue(embedded.BatchId, out var pending))
        {
            duplicatesDropped++;
            log.Info("Dropped a late answer for embedding batch {BatchId} from {Node}: already answered", embedded.BatchId, Sender.Path.Address);
            return;
        }

        // A malformed answer fails its request rather than this actor: a restart would forget every batch in flight.
        var vectors = Unpacked(embedded);
        if (vectors?.Length != pending.Request.Texts.Count)
        {
            Answered(embedded.BatchId, batch => batch.ReplyTo.Tell(new EmbeddingFailed(batch.Request.Run,
                $"internal error: {vectors?.Length ?? 0} vectors for {batch.Request.Texts.Count} texts from {Sender.Path.Address}")));
            return;
        }

        if (nodes.TryGetValue(AddressOf(Sender), out var node))
        {
            node.BatchesEmbedded++;
            node.ChunksEmbedded += vectors.Length;
        }

        Answered(embedded.BatchId, batch => batch.ReplyTo.Tell(new ChunksEmbedded(batch.Request.Run, batch.Request.ChunkIds, vectors!)));
    }

    private static float[][]? Unpacked(BatchEmbedded embedded)
    {
        try
        {
            return PackedVectors.Unpack(embedded.Vectors, embedded.Dimension);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Ends a batch: no longer outstanding on its node, its timer off, its requester told once.</summary>
    private void Answered(long batchId, Action<PendingBatch> reply)
    {
        if (!outstanding.Remove(batchId, out var batch))
        {
            duplicatesDropped++;
            return;
        }

        batch.Node?.InFlight.Remove(batchId);
        Timers.Cancel(batchId);
        reply(batch);
        Dispatch();
    }

    private void Refused(BatchRefused refused)
    {
        if (outstanding.TryGetValue(refused.BatchId, out var batch) && batch.Node is { } node)
        {
            node.RefusingUntil = DateTime.UtcNow + options.RefusedRetryDelay;
            Requeue(batch, "refused");
            Timers.StartSingleTimer(DispatchBatches.Instance, DispatchBatches.Instance, options.RefusedRetryDelay);
        }
    }

    private void TimedOut(BatchTimedOut timeout)
    {
        if (outstanding.TryGetValue(timeout.BatchId, out var batch) && batch.Attempt == timeout.Attempt)
        {
            Requeue(batch, $"no answer within {options.BatchTimeout.TotalSeconds:0} s");
            Dispatch();
        }
    }

    /// <summary>Back to the front of the queue: it was sent first, so it goes out first again.</summary>
    private void Requeue(PendingBatch batch, string reason)
    {
        log.Info("Embedding batch {BatchId} goes out again ({Reason}; was on {Node})", batch.Id, reason, batch.Node?.Address);
        outstanding.Remove(batch.Id);
        batch.Node?.InFlight.Remove(batch.Id);
        batch.Node = null;
        Timers.Cancel(batch.Id);
        queue.AddFirst(batch);
        retries++;
    }

    private void MemberUp(Akka.Cluster.Member member)
    {
        if (member.HasRole(ClusterRoles.Embedder) && !nodes.ContainsKey(member.Address))
        {
            var service = Context.ActorSelection(new RootActorPath(member.Address) / "user" / ClusterRoot.Name / ClusterRoot.EmbedderServiceName);
            nodes[member.Address] = new EmbedderNode(member.Address, service);
            log.Info("Embedder node {Node} joined; {Count} embedder node(s)", member.Address, nodes.Count);
            Dispatch();
        }
    }

    private void Left(Address address)
    {
        if (nodes.Remove(address, out var node))
        {
            log.Info("Embedder node {Node} left; {Count} embedder node(s)", address, nodes.Count);
            RequeueAll(node, "its node left");
        }
    }

    private void Unreachable(Address address)
    {
        if (nodes.TryGetValue(address, out var node))
        {
            node.Reachable = false;
            RequeueAll(node, "its node is unreachable");
        }
    }

    private void Reachable(Address address)
    {
        if (nodes.TryGetValue(address, out var node))
        {
            node.Reachable = true;
            Dispatch();
        }
    }

    private void RequeueAll(EmbedderNode node, string reason)
    {
        foreach (var batchId in node.InFlight.OrderDescending().ToList())
        {
            Requeue(outstanding[batchId], reason);
        }

        Dispatch();
    }

    /// <summary>An answer from this node's own service carries a local address; the cluster knows it by its full one.</summary>
    private Address AddressOf(IActorRef sender) => sender.Path.Address.HasLocalScope ? cluster.SelfAddress : sender.Path.Address;

    private EmbedderPoolStatus Status() =>
        new(nodes.Values.Count(n => n.Reachable), outstanding.Count, queue.Count)
        {
            Nodes = [.. nodes.Values.OrderBy(n => n.Address.ToString(), StringComparer.Ordinal)
                .Select(n => new EmbedderNodeStatus(n.Address.ToString(), n.Reachable, n.InFlight.Count, n.BatchesEmbedded, n.ChunksEmbedded))],
            Retries = retries,
            DuplicatesDropped = duplicatesDropped,
        };
}

using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Core.Embedding;

namespace Ragex.Actors.Embedding;

/// <summary>
/// The daemon's embedding capacity, shared by every project: one <see cref="EmbedderWorker"/> per model session and a
/// bounded queue in front of them. Requests are served in arrival order, so projects take turns; small requests of
/// several projects are merged into one model call. When the queue is full a request is handed back
/// (<see cref="EmbedderBusy"/>): a huge repository slows down instead of growing the daemon's memory.
/// </summary>
public sealed class EmbedderPool : ReceiveActor
{
    private readonly EmbedderPoolOptions options;
    private readonly Queue<(EmbedChunks Request, IActorRef ReplyTo)> queue = new();
    private readonly HashSet<IActorRef> idle = [];
    private readonly Dictionary<IActorRef, EmbedWork> working = [];

    /// <param name="sharedSession">The session queries use too; the first worker embeds with it.</param>
    /// <param name="newSession">Creates a session for each further worker, which owns it.</param>
    /// <param name="options">Sessions and queue bounds.</param>
    public EmbedderPool(Func<IEmbedder> sharedSession, Func<IEmbedder> newSession, EmbedderPoolOptions options)
    {
        this.options = options;
        for (var i = 0; i < options.Sessions; i++)
        {
            var props = i == 0 ? EmbedderWorker.Props(sharedSession, ownsSession: false) : EmbedderWorker.Props(newSession, ownsSession: true);
            Context.ActorOf(BlockingDispatcher.On(props, Context.System), $"worker-{i}");
        }

        Receive<EmbedChunks>(Enqueue);
        Receive<EmbedderReady>(ready => Ready(Sender, ready.Started));
        Receive<EmbedderPoolStatusQuery>(_ => Sender.Tell(new EmbedderPoolStatus(options.Sessions, working.Count, queue.Count)));
    }

    public static Props Props(EmbedderProvider embedders, EmbedderPoolOptions options) =>
        Props(() => embedders.Embedder, embedders.CreateSession, options);

    public static Props Props(Func<IEmbedder> sharedSession, Func<IEmbedder> newSession, EmbedderPoolOptions options) =>
        Akka.Actor.Props.Create(() => new EmbedderPool(sharedSession, newSession, options));

    /// <summary>
    /// A worker that throws is restarted (its PreStart reports it ready again); the work it held is answered as failed
    /// in <see cref="Ready"/>, so no requester waits forever.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    private void Enqueue(EmbedChunks request)
    {
        if (queue.Count >= options.QueueCapacity)
        {
            Sender.Tell(new EmbedderBusy(request));
            return;
        }

        queue.Enqueue((request, Sender));
        Dispatch();
    }

    private void Ready(IActorRef worker, bool started)
    {
        if (working.Remove(worker, out var lost) && started)
        {
            foreach (var (request, replyTo) in lost.Requests)
            {
                replyTo.Tell(new EmbeddingFailed(request.Run, "internal error: the embedder worker restarted during the call"));
            }
        }

        idle.Add(worker);
        Dispatch();
    }

    private void Dispatch()
    {
        while (idle.Count > 0 && queue.Count > 0)
        {
            var worker = idle.First();
            idle.Remove(worker);
            var work = new EmbedWork(TakeBatch());
            working[worker] = work;
            worker.Tell(work);
        }
    }

    private List<(EmbedChunks Request, IActorRef ReplyTo)> TakeBatch()
    {
        var batch = new List<(EmbedChunks, IActorRef)> { queue.Dequeue() };
        var texts = batch[0].Item1.Texts.Count;
        while (queue.Count > 0 && texts + queue.Peek().Request.Texts.Count <= options.MaxTextsPerCall)
        {
            var next = queue.Dequeue();
            texts += next.Request.Texts.Count;
            batch.Add(next);
        }

        return batch;
    }
}

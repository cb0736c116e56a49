using Akka.Actor;
using Ragex.Actors.Messages;

namespace Ragex.Actors.Cluster;

/// <summary>A project's embedding request as the cluster router tracks it: its batch id, requester, and attempts so far.</summary>
internal sealed class PendingBatch(long id, EmbedChunks request, IActorRef replyTo)
{
    public long Id { get; } = id;

    public EmbedChunks Request { get; } = request;

    public IActorRef ReplyTo { get; } = replyTo;

    public int Attempt { get; set; }

    /// <summary>The node the current attempt went to, or null while queued.</summary>
    public EmbedderNode? Node { get; set; }
}

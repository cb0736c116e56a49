using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Protocol.Cluster;

namespace Ragex.Actors.Cluster;

/// <summary>
/// An embedder node's door for the index owner: turns each <see cref="EmbedBatch"/> into a request to the node's own
/// <see cref="Embedding.EmbedderPool"/> and its answer back into <see cref="BatchEmbedded"/>, <see cref="BatchFailed"/>
/// or <see cref="BatchRefused"/> for whoever sent the batch. It keeps no work of its own: if the node dies, the owner's
/// router sends the batch elsewhere.
/// </summary>
public sealed class EmbedderService : ReceiveActor
{
    private readonly Dictionary<int, (long BatchId, IActorRef ReplyTo)> pending = [];
    private int nextTag;

    public EmbedderService(IActorRef pool)
    {
        Receive<EmbedBatch>(batch =>
        {
            var tag = ++nextTag;
            pending[tag] = (batch.BatchId, Sender);
            pool.Tell(new EmbedChunks(tag, [], batch.Texts));
        });
        Receive<ChunksEmbedded>(embedded => Reply(embedded.Run, id =>
            new BatchEmbedded(id, embedded.Vectors.Count == 0 ? 0 : embedded.Vectors[0].Length, PackedVectors.Pack(embedded.Vectors))));
        Receive<EmbeddingFailed>(failed => Reply(failed.Run, id => new BatchFailed(id, failed.Reason)));
        Receive<EmbedderBusy>(busy => Reply(busy.Request.Run, id => new BatchRefused(id)));
    }

    public static Props Props(IActorRef pool) => Akka.Actor.Props.Create(() => new EmbedderService(pool));

    private void Reply(int tag, Func<long, object> answer)
    {
        if (pending.Remove(tag, out var request))
        {
            request.ReplyTo.Tell(answer(request.BatchId));
        }
    }
}

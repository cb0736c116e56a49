using Akka.Actor;
using Ragex.Actors.Cluster;
using Ragex.Protocol.Cluster;

namespace Ragex.Actors.Tests.Cluster;

/// <summary>
/// Fault injection only: stands in for an embedder node's <see cref="EmbedderService"/> (at the same path) and
/// misbehaves by the batch's text: "lose" is never answered the first time, "twice" is answered twice, "refuse" is
/// refused the first time. Every other batch, and every retry, gets the vector [text length, attempt].
/// </summary>
public sealed class FaultInjectingEmbedderService : ReceiveActor
{
    private readonly Dictionary<string, int> attempts = new(StringComparer.Ordinal);

    public FaultInjectingEmbedderService()
    {
        Receive<EmbedBatch>(batch =>
        {
            var text = batch.Texts[0];
            var attempt = attempts[text] = attempts.GetValueOrDefault(text) + 1;
            var answer = new BatchEmbedded(batch.BatchId, 2, PackedVectors.Pack([.. batch.Texts.Select(t => new float[] { t.Length, attempt })]));
            switch (text, attempt)
            {
                case ("lose", 1):
                    return;
                case ("refuse", 1):
                    Sender.Tell(new BatchRefused(batch.BatchId));
                    return;
                case ("twice", _):
                    Sender.Tell(answer);
                    Sender.Tell(answer);
                    return;
                default:
                    Sender.Tell(answer);
                    return;
            }
        });
    }
}

using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Core.Embedding;

namespace Ragex.Actors.Embedding;

/// <summary>
/// One model session. Embeds one <see cref="EmbedWork"/> at a time on its own thread of the
/// <see cref="BlockingDispatcher"/> (the model call blocks it), answers every requester directly, then tells the pool
/// it is ready again. The session is created on first work.
/// </summary>
public sealed class EmbedderWorker : ReceiveActor
{
    private readonly Lazy<IEmbedder> embedder;
    private readonly bool ownsSession;

    /// <param name="session">Creates (or hands over) the session, on first work.</param>
    /// <param name="ownsSession">Whether the session is this worker's to dispose (false for the daemon's shared one).</param>
    public EmbedderWorker(Func<IEmbedder> session, bool ownsSession)
    {
        embedder = new Lazy<IEmbedder>(session);
        this.ownsSession = ownsSession;
        Receive<EmbedWork>(work =>
        {
            Embed(work);
            Context.Parent.Tell(new EmbedderReady(Started: false));
        });
    }

    public static Props Props(Func<IEmbedder> session, bool ownsSession) =>
        Akka.Actor.Props.Create(() => new EmbedderWorker(session, ownsSession));

    protected override void PreStart() => Context.Parent.Tell(new EmbedderReady(Started: true));

    protected override void PostStop()
    {
        if (ownsSession && embedder.IsValueCreated && embedder.Value is IDisposable owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>
    /// One model call for the whole work. When it fails and several requests were merged, each is tried alone, so a
    /// text that breaks the model fails only its own project's request.
    /// </summary>
    private void Embed(EmbedWork work)
    {
        try
        {
            var vectors = embedder.Value.Embed(work.Requests.SelectMany(r => r.Request.Texts).ToList(), EmbeddingPurpose.Document);
            var offset = 0;
            foreach (var (request, replyTo) in work.Requests)
            {
                replyTo.Tell(new ChunksEmbedded(request.Run, request.ChunkIds, vectors[offset..(offset + request.Texts.Count)]));
                offset += request.Texts.Count;
            }
        }
        catch (Exception) when (work.Requests.Count > 1)
        {
            foreach (var single in work.Requests)
            {
                Embed(new EmbedWork([single]));
            }
        }
        catch (Exception e)
        {
            var (request, replyTo) = work.Requests[0];
            replyTo.Tell(new EmbeddingFailed(request.Run, FailureMessage.Describe(e)));
        }
    }
}

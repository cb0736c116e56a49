using System.Diagnostics;
using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Core.Indexing;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Projects;

/// <summary>
/// The transformer tier filling in behind the static tier: pages of chunks without a transformer vector, embedded by
/// the shared pool and stored, until a page read from the start finds none. It pauses while an indexing run parses
/// (parsing comes first) and resumes where it was.
/// </summary>
internal sealed class TransformerPass(int id)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public int Id { get; } = id;

    public Queue<EmbedChunks> EmbedQueue { get; } = new();

    public int EmbedsInFlight { get; set; }

    /// <summary>A page of pending chunks has been asked for and not yet answered.</summary>
    public bool Loading { get; set; }

    /// <summary>The last chunk id of the page being embedded: the next page starts after it (-1: from the start).</summary>
    public long LastPageId { get; set; } = -1;

    public int Embedded { get; private set; }

    public long PendingTotal { get; private set; }

    /// <summary>Requests sent with <see cref="Ragex.Protocol.Daemon.IndexProject.WaitForAllTiers"/>, answered when this pass ends.</summary>
    public List<IActorRef> Waiters { get; } = [];

    public TimeSpan Elapsed => clock.Elapsed;

    public double ChunksPerSecond => clock.Elapsed.TotalSeconds > 0 ? Math.Round(Embedded / clock.Elapsed.TotalSeconds, 1) : 0;

    public bool PageDone => EmbedQueue.Count == 0 && EmbedsInFlight == 0 && !Loading;

    public IndexProgress Progress => new(IndexPhase.Embedding, Embedded, (int)Math.Max(PendingTotal, Embedded));

    public void PageLoaded(PendingChunksLoaded page, int batchSize)
    {
        Loading = false;
        PendingTotal = Embedded + page.PendingTotal;
        foreach (var slice in EmbeddingSlices.Of(page.Chunks, batchSize))
        {
            EmbedQueue.Enqueue(new EmbedChunks(Id, [.. slice.Select(c => c.Id)], [.. slice.Select(c => c.Text)]));
        }

        LastPageId = page.Chunks.Count > 0 ? page.Chunks[^1].Id : LastPageId;
    }

    public void EmbeddingStored(int count)
    {
        EmbedsInFlight--;
        Embedded += count;
    }
}

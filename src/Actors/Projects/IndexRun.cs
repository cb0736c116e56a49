using System.Diagnostics;
using Ragex.Actors.Messages;
using Ragex.Core.Indexing;
using Ragex.Core.Storage;

namespace Ragex.Actors.Projects;

/// <summary>The state of one indexing run of a <see cref="ProjectActor"/>: its stage queues, what is in flight, progress.</summary>
internal sealed class IndexRun(int id, bool embeddings)
{
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private Stopwatch? embeddingClock;

    public int Id { get; } = id;

    public bool Embeddings { get; } = embeddings;

    public TimeSpan Elapsed => elapsed.Elapsed;

    public IndexPlan Plan { get; private set; } = new();

    public Queue<FileRecord[]> ParseQueue { get; } = new();

    public int ParsesInFlight { get; set; }

    /// <summary>Parsed batches sent to the index writer and not yet committed.</summary>
    public int StoresInFlight { get; set; }

    public List<string> Parsed { get; } = [];

    public Queue<EmbedChunks> EmbedQueue { get; } = new();

    public int EmbedsInFlight { get; set; }

    /// <summary>The last chunk id of the page being embedded: the next page starts after it.</summary>
    public long LastPageId { get; set; } = -1;

    public int Embedded { get; private set; }

    public IndexProgress Progress { get; set; } = new("scanning", 0, 0);

    public TimeSpan EmbeddingTime => embeddingClock?.Elapsed ?? TimeSpan.Zero;

    public double ChunksPerSecond =>
        embeddingClock is { Elapsed.TotalSeconds: > 0 } clock ? Math.Round(Embedded / clock.Elapsed.TotalSeconds, 1) : 0;

    /// <summary>Queue depth for status: parse batches and embedding requests not yet answered.</summary>
    public int QueueDepth => ParseQueue.Count + ParsesInFlight + EmbedQueue.Count + EmbedsInFlight;

    public bool ParsingDone => ParseQueue.Count == 0 && ParsesInFlight == 0 && StoresInFlight == 0;

    public bool PageDone => EmbedQueue.Count == 0 && EmbedsInFlight == 0;

    public void Planned(IndexPlan plan, int batchSize)
    {
        Plan = plan;
        foreach (var batch in plan.Changed.Chunk(batchSize))
        {
            ParseQueue.Enqueue(batch);
        }

        Progress = new IndexProgress("parsing", 0, plan.Changed.Count);
    }

    public void Record(ParsedFiles batch)
    {
        ParsesInFlight--;
        ProjectIndexer.Record(batch, Plan.Statistics, Parsed);
        Progress = Progress with { Done = Progress.Done + batch.Files.Count + batch.Failed.Count };
    }

    public void PageLoaded(PendingChunksLoaded page, int batchSize)
    {
        if (embeddingClock is null)
        {
            embeddingClock = Stopwatch.StartNew();
            Progress = new IndexProgress("embedding", 0, (int)page.PendingTotal);
        }

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
        Progress = Progress with { Done = Embedded };
    }
}

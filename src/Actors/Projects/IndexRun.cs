using System.Diagnostics;
using Akka.Actor;
using Ragex.Core.Indexing;
using Ragex.Core.Storage;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Projects;

/// <summary>
/// The state of one indexing run of a <see cref="ProjectActor"/>, up to a complete static tier: its parse queue, what
/// is in flight, progress, and the requests it answers.
/// </summary>
internal sealed class IndexRun(int id, bool embeddings)
{
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    public int Id { get; } = id;

    public bool Embeddings { get; } = embeddings;

    public TimeSpan Elapsed => elapsed.Elapsed;

    public IndexPlan Plan { get; private set; } = new();

    /// <summary>The changed paths this run plans, or null for a walk of the whole tree.</summary>
    public IReadOnlyList<string>? Paths { get; set; }

    public Queue<FileRecord[]> ParseQueue { get; } = new();

    public int ParsesInFlight { get; set; }

    /// <summary>Parsed batches sent to the index writer and not yet committed.</summary>
    public int StoresInFlight { get; set; }

    public List<string> Parsed { get; } = [];

    /// <summary>Requests answered when this run's static tier is complete; those waiting for every tier wait longer.</summary>
    public List<(IActorRef Requester, bool WaitForAllTiers)> Waiters { get; } = [];

    public IndexProgress Progress { get; set; } = new(IndexPhase.Scanning, 0, 0);

    public IndexStages Stages { get; private set; } = IndexStages.None;

    /// <summary>Queue depth for status: parse batches not yet answered.</summary>
    public int QueueDepth => ParseQueue.Count + ParsesInFlight;

    public bool ParsingDone => ParseQueue.Count == 0 && ParsesInFlight == 0 && StoresInFlight == 0;

    public void Planned(IndexPlan plan, IndexerOptions options)
    {
        Plan = plan;
        Stages = Stages with { Walk = Elapsed.TotalSeconds };
        foreach (var batch in ParseBatches.Of(plan.Changed, options))
        {
            ParseQueue.Enqueue(batch);
        }

        Progress = new IndexProgress(IndexPhase.Parsing, 0, plan.Changed.Count);
    }

    public void Record(ParsedFiles batch)
    {
        ParsesInFlight--;
        ProjectIndexer.Record(batch, Plan.Statistics, Parsed);
        Stages = Stages.Plus(batch.Stages);
        Progress = Progress with { Done = Progress.Done + batch.Files.Count + batch.Failed.Count };
    }

    public void Stored(double seconds)
    {
        StoresInFlight--;
        Stages = Stages with { Store = Stages.Store + seconds };
    }

    /// <summary>The writer completed the run's scan (<see cref="Ragex.Actors.Messages.FinishScan"/>) in <paramref name="seconds"/>.</summary>
    public void Completed(double seconds) => Stages = Stages with { Completion = seconds };
}

using Akka.Actor;
using Akka.Routing;
using Ragex.Actors.Indexing;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Actors.Watching;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Projects;

/// <summary>
/// Owns one project and coordinates its indexing pipeline: the walk (a task), a pool of <see cref="ChunkerActor"/>s
/// (ctags and chunking), the shared <see cref="Embedding.EmbedderPool"/>, and the project's single writer, the
/// <see cref="VectorIndexActor"/>. One run at a time; requests and file changes that arrive meanwhile coalesce into one
/// follow-up run (runs are incremental, so it re-parses and re-embeds only what changed). Every stage is bounded
/// (parse batches and embedding requests in flight), so memory does not grow with the tree. Searches never come here:
/// they read the committed index, so they are served while a run goes on. No run starts before the watcher is armed
/// (<see cref="WatchingStarted"/>), so a file written during start-up is seen by the walk or by the watcher.
/// </summary>
public sealed class ProjectActor : ReceiveActor, IWithTimers
{
    private readonly Project project;
    private readonly RagexServices services;
    private readonly IActorRef embedderPool;
    private readonly List<IActorRef> waiters = [];
    private IActorRef chunkers = ActorRefs.Nobody;
    private IActorRef index = ActorRefs.Nobody;
    private IndexRun? run;
    private int runs;
    private bool embeddings = true;
    private bool watching;
    private bool dirty;
    private int queuedChanges;
    private string? lastError;
    private double chunksPerSecond;

    public ProjectActor(Project project, RagexServices services, IActorRef embedderPool)
    {
        this.project = project;
        this.services = services;
        this.embedderPool = embedderPool;
        Receive<IndexProject>(request =>
        {
            embeddings = request.Embeddings;
            waiters.Add(Sender);
            RequestRun();
        });
        Receive<ReconcileProject>(_ => RequestRun());
        Receive<WatchingStarted>(_ => StartWatching());

        // A watcher that cannot arm itself reports a rescan instead; runs may start either way.
        Receive<FilesChanged>(_ =>
        {
            StartWatching();
            RequestRun();
        });
        Receive<ProjectStatusQuery>(_ => Sender.Tell(Status()));
        Receive<IndexProgress>(report =>
        {
            if (run is not null)
            {
                run.Progress = report;
            }
        });
        ReceivePipeline();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Project project, RagexServices services, IActorRef embedderPool) =>
        Akka.Actor.Props.Create(() => new ProjectActor(project, services, embedderPool));

    /// <summary>Debounce of the file watcher: a save becomes one indexing run about this long after the last event.</summary>
    public static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Children restart on failure (the default strategy): the watcher's PreStart re-creates the OS watcher, the index
    /// writer's re-opens the database, chunkers hold no state. A failed write has already failed its run.
    /// </summary>
    protected override void PreStart()
    {
        embeddings = IndexDatabase.EmbeddingsWanted(project.DatabasePath);
        Context.ActorOf(WatcherActor.Props(project.Id, project.Root, Self, WatchDebounce), "watcher");
        index = Context.ActorOf(VectorIndexActor.Props(project), "index");
        var parser = new FileParser(services.CtagsFor(project), services.IndexerOptions.Chunking);
        chunkers = Context.ActorOf(ChunkerActor.Props(parser).WithRouter(new RoundRobinPool(ChunkerCount)), "chunkers");
    }

    private int ChunkerCount => Math.Max(1, services.IndexerOptions.Parallelism);

    private void ReceivePipeline()
    {
        Receive<IndexedFilesLoaded>(loaded => ForRun(loaded.Run, r => Plan(r, loaded.Files)));
        Receive<IndexRunPlanned>(planned => ForRun(planned.Run, r => Planned(r, planned.Plan)));
        Receive<FilesParsed>(parsed => ForRun(parsed.Run, r => Parsed(r, parsed)));
        Receive<ParsedFilesStored>(stored => ForRun(stored.Run, r =>
        {
            r.StoresInFlight--;
            DispatchParsing(r);
        }));
        Receive<ScanFinished>(finished => ForRun(finished.Run, r => ScanFinished(r, finished)));
        Receive<PendingChunksLoaded>(page => ForRun(page.Run, r => PageLoaded(r, page)));
        Receive<ChunksEmbedded>(embedded => ForRun(embedded.Run, r => Embedded(r, embedded)));
        Receive<EmbedderBusy>(busy => Timers.StartSingleTimer(busy.Request, new RetryEmbedding(busy.Request), services.EmbedderPool.RetryDelay));
        Receive<RetryEmbedding>(retry => ForRun(retry.Request.Run, _ => embedderPool.Tell(retry.Request)));
        Receive<VectorsRefreshed>(refreshed => ForRun(refreshed.Run, r => Complete(r, refreshed.Counts)));
        Receive<EmbeddingFailed>(failed => ForRun(failed.Run, _ => Fail(failed.Reason)));
        Receive<IndexWriteFailed>(failed => ForRun(failed.Run, _ => Fail(failed.Reason)));
        Receive<IndexRunAborted>(aborted => ForRun(aborted.Run, _ => Fail(aborted.Reason)));
    }

    /// <summary>Handles a message of the current run; one of a run that already ended is dropped.</summary>
    private void ForRun(int id, Action<IndexRun> handle)
    {
        if (run is not null && run.Id == id)
        {
            handle(run);
        }
    }

    private void StartWatching()
    {
        watching = true;
        if (dirty && run is null)
        {
            RequestRun();
        }
    }

    private void RequestRun()
    {
        queuedChanges++;
        if (run is not null || !watching)
        {
            dirty = true;
            return;
        }

        dirty = false;
        queuedChanges = 0;
        run = new IndexRun(++runs, embeddings);
        index.Tell(new LoadIndexedFiles(run.Id));
    }

    /// <summary>The walk and hashing run as a task: a large tree takes seconds, and status must answer meanwhile.</summary>
    private void Plan(IndexRun current, IReadOnlyDictionary<string, FileRecord> indexed)
    {
        var (self, id) = (Self, current.Id);
        var reporter = new SynchronousProgress(report => self.Tell(report));
        Task.Run(() => new IndexPlanner(services.IndexerOptions.Walk).Plan(project, indexed, reporter))
            .PipeTo(Self, success: plan => new IndexRunPlanned(id, plan), failure: e => new IndexRunAborted(id, FailureMessage.Describe(e)));
    }

    private void Planned(IndexRun current, IndexPlan plan)
    {
        current.Planned(plan, services.IndexerOptions.CtagsBatchSize);
        DispatchParsing(current);
    }

    /// <summary>
    /// Keeps two batches per chunker in flight, and parses no further ahead of the index writer than that: chunkers
    /// never idle, and parsed batches (chunk texts) never pile up in the writer's mailbox when it is the slower stage.
    /// </summary>
    private void DispatchParsing(IndexRun current)
    {
        while (current.ParseQueue.Count > 0 && current.ParsesInFlight + current.StoresInFlight < 2 * ChunkerCount)
        {
            chunkers.Tell(new ParseFiles(current.Id, project, current.ParseQueue.Dequeue()));
            current.ParsesInFlight++;
        }

        if (current.ParsingDone)
        {
            index.Tell(new FinishScan(current.Id, current.Plan, ContentChanged: current.Parsed.Count > 0, current.Embeddings));
        }
    }

    private void Parsed(IndexRun current, FilesParsed parsed)
    {
        if (parsed.Error is not null)
        {
            // Not a file ctags could not parse (those are skipped) but a chunker that failed outright, e.g. no ctags.
            Fail(parsed.Error);
            return;
        }

        index.Tell(new StoreParsedFiles(current.Id, parsed.Batch.Files));
        current.StoresInFlight++;
        current.Record(parsed.Batch);
        DispatchParsing(current);
    }

    private void ScanFinished(IndexRun current, ScanFinished finished)
    {
        if (!current.Embeddings)
        {
            Complete(current, finished.Counts);
            return;
        }

        index.Tell(new LoadPendingChunks(current.Id, services.Embedders.ModelId, -1, EmbeddingSlices.PageSize));
    }

    private void PageLoaded(IndexRun current, PendingChunksLoaded page)
    {
        if (page.Chunks.Count == 0)
        {
            RefreshVectors(current);
            return;
        }

        current.PageLoaded(page, services.IndexerOptions.EmbeddingBatchSize);
        DispatchEmbedding(current);
    }

    private void DispatchEmbedding(IndexRun current)
    {
        while (current.EmbedQueue.Count > 0 && current.EmbedsInFlight < services.EmbedderPool.InFlightPerProject)
        {
            embedderPool.Tell(current.EmbedQueue.Dequeue());
            current.EmbedsInFlight++;
        }

        if (current.PageDone)
        {
            index.Tell(new LoadPendingChunks(current.Id, services.Embedders.ModelId, current.LastPageId, EmbeddingSlices.PageSize));
        }
    }

    private void Embedded(IndexRun current, ChunksEmbedded embedded)
    {
        index.Tell(new StoreEmbeddings(current.Id, embedded.ChunkIds, embedded.Vectors));
        current.EmbeddingStored(embedded.ChunkIds.Count);
        chunksPerSecond = current.ChunksPerSecond;
        DispatchEmbedding(current);
    }

    private void RefreshVectors(IndexRun current)
    {
        try
        {
            index.Tell(new RefreshVectors(current.Id, services.Embedders.Embedder.Dimension));
        }
        catch (Exception e)
        {
            Fail(FailureMessage.Describe(e));
        }
    }

    private void Complete(IndexRun current, IndexCounts counts)
    {
        var plan = current.Plan;
        var summary = new IndexSummary(
            project, (int)counts.Files, current.Parsed.Count, plan.Touched.Count, plan.Deleted.Count, counts.Symbols,
            plan.Statistics.Skipped, [.. current.Parsed.Order(StringComparer.Ordinal)], current.Elapsed)
        {
            Chunks = counts.Chunks,
            EmbeddedChunks = counts.EmbeddedChunks,
            Embedded = current.Embedded,
            EmbeddingTime = current.EmbeddingTime,
            EmbeddingModel = current.Embeddings ? services.Embedders.ModelId : null,
        };
        lastError = null;
        Context.System.EventStream.Publish(new ProjectIndexCommitted(project.Id, project.Root, counts.Chunks, counts.EmbeddedChunks));
        End(summary.ToReply());
    }

    private void Fail(string reason)
    {
        lastError = reason;
        End(new RequestFailed(reason));
    }

    private void End(object reply)
    {
        run = null;
        foreach (var waiter in waiters)
        {
            waiter.Tell(reply);
        }

        waiters.Clear();
        if (dirty)
        {
            RequestRun();
        }
    }

    private ProjectStatus Status()
    {
        var (files, chunks, embedded) = CommittedCounts();
        return new ProjectStatus(project.Id, project.Root, run is null ? "watching" : "indexing", files, chunks, embedded, dirty ? queuedChanges : 0, lastError)
        {
            Phase = run?.Progress.Phase,
            PhaseDone = run?.Progress.Done ?? 0,
            PhaseTotal = run?.Progress.Total ?? 0,
            ChunksPerSecond = chunksPerSecond,
            QueueDepth = run?.QueueDepth ?? 0,
        };
    }

    /// <summary>Zero while the index writer is still creating the database (a reader cannot open it yet).</summary>
    private (long Files, long Chunks, long Embedded) CommittedCounts()
    {
        try
        {
            using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
            return (database.CountFiles(), database.CountChunks(), database.CountEmbeddedChunks());
        }
        catch (Core.RagexException)
        {
            return (0, 0, 0);
        }
    }
}

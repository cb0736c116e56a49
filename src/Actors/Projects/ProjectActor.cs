using System.Globalization;
using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using Ragex.Actors.Indexing;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Actors.Watching;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;
using Ragex.Core.Walk;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Projects;

/// <summary>
/// Owns one project and coordinates its indexing pipeline: the walk (a task), a pool of <see cref="ChunkerActor"/>s
/// (ctags, chunking and each chunk's static vector), the project's single writer, the <see cref="IndexWriterActor"/>,
/// and the shared <see cref="Embedding.EmbedderPool"/> for the transformer tier. A run ends when every changed file is
/// stored with its static vectors (searchable in every mode); one run at a time, and requests and file changes that
/// arrive meanwhile coalesce into one follow-up run (runs are incremental). Between runs a
/// <see cref="TransformerPass"/> embeds the chunks the transformer has not covered yet; it pauses while a run parses.
/// Every stage is bounded (parse batches and embedding requests in flight), so memory does not grow with the tree.
/// Searches never come here: they read the committed index, so they are served while a run goes on. No run starts
/// before the watcher is armed (<see cref="WatchingStarted"/>), so a file written during start-up is seen by the walk
/// or by the watcher.
/// </summary>
public sealed class ProjectActor : ReceiveActor, IWithTimers
{
    private readonly Project project;
    private readonly RagexServices services;
    private readonly IActorRef embedderPool;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly List<(IActorRef Requester, bool WaitForAllTiers)> waiters = [];
    private IActorRef chunkers = ActorRefs.Nobody;
    private IActorRef writer = ActorRefs.Nobody;
    private IndexRun? run;
    private TransformerPass? pass;
    private ProjectIndexed? lastSummary;
    private int runs;
    private bool embeddings = true;
    private bool watching;
    private bool dirty;
    private int queuedChanges;

    // What the next run plans: the whole tree (start-up, a request, a rescan) or only the paths the watcher reported.
    private bool walkWanted = true;
    private readonly HashSet<string> changedPaths = new(StringComparer.Ordinal);
    private string? lastError;
    private string? pollingReason;
    private string? writerFailure;
    private bool changesPending;
    private string? repairNote;
    private double chunksPerSecond;

    // What the committed index holds, as the writer last reported it: status answers from here, never from the database.
    private IndexCounts counts = new(0, 0, 0, 0);

    public ProjectActor(Project project, RagexServices services, IActorRef embedderPool)
    {
        this.project = project;
        this.services = services;
        this.embedderPool = embedderPool;
        Receive<IndexProject>(request =>
        {
            embeddings = request.Embeddings;
            waiters.Add((Sender, request.WaitForAllTiers));
            walkWanted = true;
            RequestRun();
        });
        Receive<ReconcileProject>(_ =>
        {
            walkWanted = true;
            RequestRun();
        });
        Receive<WatchingStarted>(_ =>
        {
            pollingReason = null;
            StartWatching();
        });
        Receive<WatcherPolling>(polling =>
        {
            if (pollingReason is null)
            {
                log.Warning("Watching {0} by polling: {1}", project.Root, polling.Reason);
            }

            pollingReason = polling.Reason;
            PublishFreshness();
        });

        Receive<ChangesPending>(_ =>
        {
            changesPending = true;
            PublishFreshness();
        });

        // A watcher that cannot arm itself reports a rescan instead; runs may start either way.
        Receive<FilesChanged>(changed =>
        {
            changesPending = false;
            walkWanted |= changed.RescanRequired;
            changedPaths.UnionWith(changed.RelativePaths);
            StartWatching();
            RequestRun();
        });
        Receive<ProjectStatusQuery>(_ => Sender.Tell(Status()));
        ReceiveWriterLifecycle();
        Receive<IndexProgress>(report =>
        {
            if (run is not null)
            {
                run.Progress = report;
            }
        });
        ReceivePipeline();
        ReceiveTransformerTier();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Project project, RagexServices services, IActorRef embedderPool) =>
        Akka.Actor.Props.Create(() => new ProjectActor(project, services, embedderPool));

    /// <summary>Debounce of the file watcher: a save becomes one indexing run about this long after the last event.</summary>
    public static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Supervision (Akka's default, stated): a child that throws while handling a message is restarted (the watcher's
    /// PreStart re-creates the OS watcher, the index writer's re-opens the database, chunkers hold no state; a failed
    /// write has already failed its run); a child whose PreStart throws is stopped. The index writer is watched: when
    /// it stops, every request waiting on it is answered with the reason, and the next request starts a new one.
    /// </summary>
    protected override void PreStart()
    {
        embeddings = IndexDatabase.EmbeddingsWanted(project.DatabasePath);
        Context.ActorOf(WatcherActor.Props(project.Id, project.Root, Self, WatchDebounce), "watcher");
        StartWriter();
        var embedders = services.Embedders;
        var parser = new FileParser(services.CtagsFor(project), services.IndexerOptions.Chunking, embedders.HasStaticTier ? () => embedders.Static : null);
        chunkers = Context.ActorOf(ChunkerActor.Props(parser).WithRouter(new RoundRobinPool(ChunkerCount)), "chunkers");
    }

    /// <summary>
    /// Stopped (the project removed, the daemon stopping) or restarted after a failure: the runs go with this actor
    /// (its chunkers' ctags are killed), and every request still waiting on them is answered.
    /// </summary>
    protected override void PostStop()
    {
        services.Freshness.Remove(project.Id);
        var waiting = waiters.Concat(run?.Waiters ?? []).Select(w => w.Requester).Concat(pass?.Waiters ?? []);
        foreach (var requester in waiting)
        {
            requester.Tell(new RequestFailed($"indexing {project.Root} stopped before it finished (the project was removed or restarted)"));
        }
    }

    private int writers;

    private void StartWriter()
    {
        writerFailure = null;
        var props = BlockingDispatcher.On(IndexWriterActor.Props(() => services.OpenIndexWriter(project, services.Vectors), services.Embedders), Context.System);
        writer = Context.Watch(Context.ActorOf(props, $"writer-{++writers}"));
    }

    private void ReceiveWriterLifecycle()
    {
        Receive<IndexMovedAside>(moved =>
        {
            repairNote = $"index.db was unreadable: moved to {moved.Path} and rebuilt from the files";
            log.Warning("{0}: {1}", project.Root, repairNote);
            walkWanted = true;
            PublishFreshness();
        });
        Receive<IndexWriterStopped>(stopped => writerFailure = stopped.Reason);
        Receive<IndexCountsLoaded>(loaded => counts = loaded.Counts);
        Receive<Terminated>(terminated =>
        {
            if (!terminated.ActorRef.Equals(writer))
            {
                return;
            }

            writer = ActorRefs.Nobody;
            var reason = writerFailure ?? "the index writer stopped";
            if (run is not null)
            {
                Fail(reason);
            }
            else
            {
                log.Error("The index writer of {0} stopped: {1}", project.Root, reason);
            }

            if (pass is not null)
            {
                PassFailed(pass, reason);
            }

            lastError = reason;
        });
    }

    private int ChunkerCount => Math.Max(1, services.IndexerOptions.Parallelism);

    private bool StaticTier => embeddings && services.Embedders.HasStaticTier;

    private bool TransformerTier => embeddings && services.Embedders.HasTransformerTier && TransformerOff is null;

    /// <summary>Set once a run shows the project is too large for the transformer tier.</summary>
    private string? TransformerOff =>
        services.Embedders.TransformerOffFor(counts.Chunks)
            ? string.Create(CultureInfo.InvariantCulture, $"off above {services.Embedders.TransformerMaxChunks:N0} chunks (ragex.embedding.transformer-max-chunks)")
            : null;

    private void ReceivePipeline()
    {
        Receive<IndexedFilesLoaded>(loaded => ForRun(loaded.Run, r => Plan(r, loaded.Files)));
        Receive<IndexRunPlanned>(planned => ForRun(planned.Run, r => Planned(r, planned.Plan)));
        Receive<FilesParsed>(parsed => ForRun(parsed.Run, r => Parsed(r, parsed)));
        Receive<ParsedFilesStored>(stored => ForRun(stored.Run, r =>
        {
            r.Stored(stored.Seconds);
            DispatchParsing(r);
        }));
        Receive<ScanFinished>(finished => ForRun(finished.Run, r =>
        {
            r.Completed(finished.Seconds);
            Complete(r, finished.Counts);
        }));
        Receive<VectorsRefreshed>(refreshed => ForPass(refreshed.Run, p => PassComplete(p, refreshed.Counts)));
        Receive<IndexWriteFailed>(failed =>
        {
            ForRun(failed.Run, _ => Fail(failed.Reason));
            ForPass(failed.Run, p => PassFailed(p, failed.Reason));
        });
        Receive<IndexRunAborted>(aborted => ForRun(aborted.Run, _ => Fail(aborted.Reason)));
    }

    private void ReceiveTransformerTier()
    {
        Receive<PendingChunksLoaded>(page => ForPass(page.Run, p => PageLoaded(p, page)));
        Receive<ChunksEmbedded>(embedded => ForPass(embedded.Run, p => Embedded(p, embedded)));
        Receive<EmbeddingsStored>(stored => counts = counts with { EmbeddedChunks = Math.Min(counts.Chunks, counts.EmbeddedChunks + stored.Count) });
        Receive<EmbedderBusy>(busy => Timers.StartSingleTimer(busy.Request, new RetryEmbedding(busy.Request), services.EmbedderPool.RetryDelay));
        Receive<RetryEmbedding>(retry => ForPass(retry.Request.Run, _ => embedderPool.Tell(retry.Request)));
        Receive<EmbeddingFailed>(failed => ForPass(failed.Run, p => PassFailed(p, failed.Reason)));
    }

    /// <summary>Handles a message of the current run; one of a run that already ended is dropped.</summary>
    private void ForRun(int id, Action<IndexRun> handle)
    {
        if (run is not null && run.Id == id)
        {
            handle(run);
        }
    }

    /// <summary>Handles a message of the current transformer pass; one of a pass that already ended is dropped.</summary>
    private void ForPass(int id, Action<TransformerPass> handle)
    {
        if (pass is not null && pass.Id == id)
        {
            handle(pass);
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
            PublishFreshness();
            return;
        }

        if (writer.IsNobody())
        {
            StartWriter();
        }

        dirty = false;
        queuedChanges = 0;
        run = new IndexRun(++runs, embeddings) { Paths = walkWanted ? null : [.. changedPaths] };
        walkWanted = false;
        changedPaths.Clear();
        run.Waiters.AddRange(waiters);
        waiters.Clear();
        writer.Tell(new LoadIndexedFiles(run.Id, run.Paths));
        PublishFreshness();
    }

    /// <summary>
    /// The walk and hashing run as a task: a large tree takes seconds, and status must answer meanwhile. A run of
    /// changed paths looks at those paths only; one of them being a directory needs the walk after all.
    /// </summary>
    private void Plan(IndexRun current, IReadOnlyDictionary<string, FileRecord> indexed)
    {
        var (self, id, paths) = (Self, current.Id, current.Paths);
        var planner = new IndexPlanner(services.IndexerOptions.Walk);
        var reporter = new SynchronousProgress(report => self.Tell(report));
        Task.Run(() => paths is null ? planner.Plan(project, indexed, reporter) : planner.PlanPaths(project, paths, indexed))
            .PipeTo(Self, success: plan => new IndexRunPlanned(id, plan), failure: e => new IndexRunAborted(id, FailureMessage.Describe(e)));
    }

    private void Planned(IndexRun current, IndexPlan? plan)
    {
        if (plan is null)
        {
            current.Paths = null;
            writer.Tell(new LoadIndexedFiles(current.Id));
            return;
        }

        current.Planned(plan, services.IndexerOptions);
        writer.Tell(new PrepareWrites(current.Id, plan));
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
            chunkers.Tell(new ParseFiles(current.Id, project, current.ParseQueue.Dequeue(), StaticTier));
            current.ParsesInFlight++;
        }

        if (current.ParsingDone)
        {
            ReleaseParsingMemory(current);
            writer.Tell(new FinishScan(current.Id, current.Plan, current.Embeddings, StaticTier));
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

        writer.Tell(new StoreParsedFiles(current.Id, parsed.Batch.Files));
        current.StoresInFlight++;
        current.Record(parsed.Batch);
        DispatchParsing(current);
    }

    /// <summary>Every changed file is stored with its static vectors: the run's requests are answered, the transformer tier goes on.</summary>
    private void Complete(IndexRun current, IndexCounts committed)
    {
        var plan = current.Plan;
        counts = committed;
        var transformerContinues = TransformerTier && counts.EmbeddedChunks < counts.Chunks;
        var summary = new IndexSummary(
            project, (int)counts.Files, current.Parsed.Count, plan.Touched.Count, plan.Deleted.Count, counts.Symbols,
            plan.Statistics.Skipped, [.. current.Parsed], current.Elapsed)
        {
            Chunks = counts.Chunks,
            EmbeddedChunks = counts.EmbeddedChunks,
            StaticChunks = counts.StaticChunks,
            TransformerContinues = transformerContinues,
            EmbeddingModel = current.Embeddings ? services.Embedders.ModelId : null,
            Stages = current.Stages,
        };
        lastError = null;
        lastSummary = summary.ToReply();
        LogRun(current, summary);
        Context.System.EventStream.Publish(new ProjectIndexCommitted(project.Id, project.Root, counts.Chunks, counts.EmbeddedChunks));
        run = null;
        foreach (var (requester, waitForAllTiers) in current.Waiters)
        {
            if (waitForAllTiers && transformerContinues)
            {
                StartPass().Waiters.Add(requester);
            }
            else
            {
                requester.Tell(lastSummary);
            }
        }

        AfterRun();
        PublishFreshness();
    }

    /// <summary>
    /// A large run's parsing leaves hundreds of MiB of dead batches in the heap, which the GC keeps for reuse; the
    /// run's completion (ending a bulk load, building the vector index) then needs as much again. Given back first, the
    /// two do not add up (the kernel peaked at 2 GiB).
    /// </summary>
    private static void ReleaseParsingMemory(IndexRun current)
    {
        if (current.Parsed.Count >= LargeRunFiles)
        {
            MemoryReleaseActor.CompactHeap();
        }
    }

    private const int LargeRunFiles = 10_000;

    /// <summary>What searches report about this index: polling, behind (changes queued or a run going), or fresh.</summary>
    private void PublishFreshness()
    {
        var changed = changedPaths.Count + (run?.Paths?.Count ?? 0);
        var state = pollingReason is not null ? IndexState.Polling : run is not null || dirty || changesPending ? IndexState.Behind : IndexState.Fresh;
        var detail = state == IndexState.Polling ? pollingReason : state == IndexState.Behind ? repairNote : null;
        services.Freshness.Set(project.Id, new IndexFreshness(project.Root, state, changed) { Detail = detail });
    }

    /// <summary>
    /// One line per run that changed something (a run that found nothing to do is a debug line), and one warning per
    /// reason files were skipped for, with its count, except the reasons a user chose (ignored, hidden, too large, binary).
    /// </summary>
    private void LogRun(IndexRun current, IndexSummary summary)
    {
        var level = summary.Parsed > 0 || summary.Deleted > 0 ? LogLevel.InfoLevel : LogLevel.DebugLevel;
        log.Log(level, null, "Indexed {0}: {1} files parsed, {2} removed, {3} files, {4} chunks, static tier {5}/{4}{6} in {7:F1} s",
        [
            project.Root, summary.Parsed, summary.Deleted, summary.Files, summary.Chunks, summary.StaticChunks,
            summary.TransformerContinues ? ", transformer tier continues in the background" : "", current.Elapsed.TotalSeconds,
        ]);
        log.Log(summary.Parsed >= LargeRunFiles ? LogLevel.InfoLevel : LogLevel.DebugLevel, null, "Stages of indexing {0}: {1}", project.Root, summary.Stages.Describe(summary.Parsed));
        foreach (var (reason, count) in summary.Skipped)
        {
            if (reason is SkipReason.Unreadable or SkipReason.SymbolExtractionFailed or SkipReason.NotRegularFile)
            {
                log.Warning("Skipped {0} file(s) in {1}: {2}", count, project.Root, SkipReasonNames.Of(reason));
            }
        }
    }

    private void Fail(string reason)
    {
        log.Error("Indexing {0} failed: {1}", project.Root, reason);
        lastError = reason;
        var failed = run!;
        run = null;
        foreach (var (requester, _) in failed.Waiters)
        {
            requester.Tell(new RequestFailed(reason));
        }

        AfterRun();
        PublishFreshness();
    }

    /// <summary>A follow-up run if changes came meanwhile, else the transformer tier's turn.</summary>
    private void AfterRun()
    {
        if (dirty)
        {
            RequestRun();
            return;
        }

        if (TransformerTier && lastError is null)
        {
            DispatchEmbedding(StartPass());
        }
    }

    private TransformerPass StartPass() => pass ??= new TransformerPass(++runs);

    /// <summary>Keeps the pool's share of requests in flight; nothing new while a run parses (parsing comes first).</summary>
    private void DispatchEmbedding(TransformerPass current)
    {
        if (run is not null)
        {
            return;
        }

        while (current.EmbedQueue.Count > 0 && current.EmbedsInFlight < services.EmbedderPool.InFlightPerProject)
        {
            embedderPool.Tell(current.EmbedQueue.Dequeue());
            current.EmbedsInFlight++;
        }

        if (current.PageDone)
        {
            current.Loading = true;
            writer.Tell(new LoadPendingChunks(current.Id, services.Embedders.VectorsId, current.LastPageId, EmbeddingSlices.PageSize));
        }
    }

    /// <summary>
    /// An empty page ends the pass only when read from the start: a run may have stored chunks whose ids are below
    /// the page the pass had reached.
    /// </summary>
    private void PageLoaded(TransformerPass current, PendingChunksLoaded page)
    {
        if (page.Chunks.Count == 0 && current.LastPageId >= 0)
        {
            current.Loading = false;
            current.LastPageId = -1;
            DispatchEmbedding(current);
            return;
        }

        if (page.Chunks.Count == 0)
        {
            current.Loading = true;
            writer.Tell(new RefreshVectors(current.Id, VectorTier.Transformer, services.Embedders.Embedder.Dimension));
            return;
        }

        current.PageLoaded(page, services.IndexerOptions.EmbeddingBatchSize);
        DispatchEmbedding(current);
    }

    private void Embedded(TransformerPass current, ChunksEmbedded embedded)
    {
        writer.Tell(new StoreEmbeddings(current.Id, embedded.ChunkIds, embedded.Vectors));
        current.EmbeddingStored(embedded.ChunkIds.Count);
        chunksPerSecond = current.ChunksPerSecond;
        DispatchEmbedding(current);
    }

    private void PassComplete(TransformerPass current, IndexCounts committed)
    {
        pass = null;
        counts = committed;
        Context.System.EventStream.Publish(new ProjectIndexCommitted(project.Id, project.Root, counts.Chunks, counts.EmbeddedChunks));
        var reply = (lastSummary ?? new ProjectIndexed(project.Id, project.Root, (int)counts.Files, 0, 0, counts.Symbols, 0, 0, 0, 0)) with
        {
            Chunks = counts.Chunks,
            EmbeddedChunks = counts.EmbeddedChunks,
            StaticChunks = counts.StaticChunks,
            Embedded = current.Embedded,
            EmbeddingSeconds = current.Elapsed.TotalSeconds,
            TransformerContinues = false,
        };
        foreach (var waiter in current.Waiters)
        {
            waiter.Tell(reply);
        }
    }

    private void PassFailed(TransformerPass current, string reason)
    {
        lastError = reason;
        pass = null;
        foreach (var waiter in current.Waiters)
        {
            waiter.Tell(new RequestFailed(reason));
        }
    }

    /// <summary>
    /// The counts are the committed index's as of the last run (a run in progress shows its progress in the phase), the
    /// transformer tier's rising with each stored batch.
    /// </summary>
    private ProjectStatus Status()
    {
        var state = run is not null ? ProjectState.Indexing : pass is not null ? ProjectState.Embedding : pollingReason is not null ? ProjectState.Polling : ProjectState.Watching;
        var progress = run?.Progress ?? pass?.Progress;
        return new ProjectStatus(project.Id, project.Root, state, counts.Files, counts.Chunks, counts.EmbeddedChunks, dirty ? queuedChanges : 0, lastError)
        {
            Phase = progress?.Phase,
            PhaseDone = progress?.Done ?? 0,
            PhaseTotal = progress?.Total ?? 0,
            ChunksPerSecond = chunksPerSecond,
            QueueDepth = (run?.QueueDepth ?? 0) + (pass is null ? 0 : pass.EmbedQueue.Count + pass.EmbedsInFlight),
            StaticChunks = counts.StaticChunks,
            TransformerOff = services.Embedders.HasTransformerTier ? TransformerOff : null,
            Polling = pollingReason,
            Repaired = repairNote,
        };
    }
}

using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Actors.Watching;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Projects;

/// <summary>
/// Owns one project: the single writer of its index, and its <see cref="WatcherActor"/>. Indexing runs one at a time as
/// a task piped back to the actor; requests and file changes that arrive meanwhile coalesce into one follow-up run (the indexer is incremental, so a
/// run after a change re-parses and re-embeds only what changed). Searches never come here: they read the committed
/// index directly, so they are served while a run is in progress. No run starts before the watcher reports it is armed
/// (<see cref="WatchingStarted"/>), so a file written during start-up is seen by the walk or by the watcher.
/// </summary>
public sealed class ProjectActor : ReceiveActor
{
    private readonly Project project;
    private readonly RagexServices services;
    private readonly List<IActorRef> waiters = [];
    private readonly CancellationTokenSource cancellation = new();
    private bool embeddings = true;
    private bool watching;
    private bool running;
    private bool dirty;
    private int queuedChanges;
    private string? lastError;
    private IndexProgress? progress;
    private DateTime embeddingStarted;
    private double chunksPerSecond;

    public ProjectActor(Project project, RagexServices services)
    {
        this.project = project;
        this.services = services;
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
        Receive<IndexRunCompleted>(completed => Finish(ToReply(completed.Summary), error: null));
        Receive<IndexRunFailed>(failed => Finish(new RequestFailed(failed.Reason), failed.Reason));
        Receive<ProjectStatusQuery>(_ => Sender.Tell(Status()));
        Receive<IndexProgress>(Track);
    }

    public static Props Props(Project project, RagexServices services) =>
        Akka.Actor.Props.Create(() => new ProjectActor(project, services));

    /// <summary>Debounce of the file watcher: a save becomes one indexing run about this long after the last event.</summary>
    public static readonly TimeSpan WatchDebounce = TimeSpan.FromMilliseconds(200);

    /// <summary>The watcher child is restarted on failure (the default strategy); its PreStart re-creates the OS watcher.</summary>
    protected override void PreStart() =>
        Context.ActorOf(WatcherActor.Props(project.Id, project.Root, Self, WatchDebounce), "watcher");

    protected override void PostStop() => cancellation.Cancel();

    private void StartWatching()
    {
        watching = true;
        if (dirty && !running)
        {
            RequestRun();
        }
    }

    private void RequestRun()
    {
        queuedChanges++;
        if (running || !watching)
        {
            dirty = true;
            return;
        }

        running = true;
        dirty = false;
        queuedChanges = 0;
        var self = Self;
        var reporter = new SynchronousProgress(report => self.Tell(report));
        services.CreateIndexer(project, embeddings)
            .IndexAsync(project.Root, reporter, cancellation.Token)
            .PipeTo(Self, success: summary => new IndexRunCompleted(summary), failure: e => new IndexRunFailed(FailureMessage.Describe(e)));
    }

    private void Track(IndexProgress report)
    {
        if (report.Phase == "embedding" && progress?.Phase != "embedding")
        {
            embeddingStarted = DateTime.UtcNow;
        }

        progress = report;
        var seconds = (DateTime.UtcNow - embeddingStarted).TotalSeconds;
        if (report.Phase == "embedding" && report.Done > 0 && seconds > 0)
        {
            chunksPerSecond = Math.Round(report.Done / seconds, 1);
        }
    }

    private void Finish(object reply, string? error)
    {
        running = false;
        progress = null;
        lastError = error;
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

    private static ProjectIndexed ToReply(IndexSummary summary) => new(
        summary.Project.Id,
        summary.Project.Root,
        summary.Files,
        summary.Parsed,
        summary.Deleted,
        summary.Symbols,
        summary.Chunks,
        summary.EmbeddedChunks,
        summary.Embedded,
        summary.Elapsed.TotalSeconds);

    private ProjectStatus Status()
    {
        long files = 0, chunks = 0, embedded = 0;
        if (File.Exists(project.DatabasePath))
        {
            using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
            (files, chunks, embedded) = (database.CountFiles(), database.CountChunks(), database.CountEmbeddedChunks());
        }

        return new ProjectStatus(project.Id, project.Root, running ? "indexing" : "watching", files, chunks, embedded, running ? queuedChanges : 0, lastError)
        {
            Phase = progress?.Phase,
            PhaseDone = progress?.Done ?? 0,
            PhaseTotal = progress?.Total ?? 0,
            ChunksPerSecond = chunksPerSecond,
        };
    }
}

using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;

namespace Ragex.Actors.Indexing;

/// <summary>
/// The single writer of one project's index: parsed files (files, symbols, chunks with their static vectors), the
/// transformer tier's embeddings, and the tiers' FAISS snapshots, taken from the live indexes the daemon's searches read
/// (updated in place, never rebuilt per change). Each message is one atomic commit, in mailbox order, so a step
/// requested after others sees them committed. Runs on the <see cref="BlockingDispatcher"/>: a commit holds its
/// thread. A failed step is reported to the requester and the actor throws, so its parent restarts it with a fresh
/// connection; a failure to open the index stops it (see <see cref="PreStart"/>). After <see cref="IdleAfter"/> without
/// a message it frees its SQLite page cache: twenty idle projects would otherwise keep up to 64 MiB each.
/// </summary>
public sealed class IndexWriterActor : ReceiveActor
{
    public static readonly TimeSpan IdleAfter = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Func<IndexWriter> open;
    private IndexWriter? writer;
    private bool memoryReleased;
    private Stopwatch? merging;

    /// <param name="open">Opens the project's index (<see cref="RagexServices.OpenIndexWriter"/>).</param>
    /// <param name="embedders">The static tier, for completing it at the end of a scan.</param>
    public IndexWriterActor(Func<IndexWriter> open, EmbedderProvider embedders)
    {
        this.open = open;
        Receive<LoadIndexedFiles>(load => Write(load.Run, w =>
            Sender.Tell(new IndexedFilesLoaded(load.Run, load.Paths is null ? w.LoadFiles() : w.LoadFiles(load.Paths)))));
        Receive<PrepareWrites>(prepare => Write(prepare.Run, w => w.Prepare(prepare.Plan)));
        Receive<StoreParsedFiles>(store => Write(store.Run, w =>
        {
            var started = Stopwatch.GetTimestamp();
            w.Store(store.Files);
            Sender.Tell(new ParsedFilesStored(store.Run, Stopwatch.GetElapsedTime(started).TotalSeconds));
        }));
        Receive<FinishScan>(finish => Write(finish.Run, w =>
        {
            var started = Stopwatch.GetTimestamp();
            var counts = w.CompleteScan(finish.Plan, finish.Embeddings, finish.StaticVectors ? embedders.Static : null);
            Sender.Tell(new ScanFinished(finish.Run, counts, Stopwatch.GetElapsedTime(started).TotalSeconds));
            if (w.KeywordIndexToMerge && merging is null)
            {
                log.Info("Merging the keyword index of {0} ({1} segments) in the background", w.Project.Root, w.KeywordSegments());
                merging = Stopwatch.StartNew();
                Self.Tell(MergeKeywordIndex.Instance);
            }
        }));
        Receive<MergeKeywordIndex>(_ => MergeStep());
        Receive<LoadPendingChunks>(load => Write(load.Run, w =>
        {
            if (load.AfterId < 0)
            {
                w.UseModel(load.ModelId);
            }

            Sender.Tell(new PendingChunksLoaded(load.Run, w.PendingChunks(load.AfterId, load.Limit), w.CountPendingChunks()));
        }));
        Receive<StoreEmbeddings>(store => Write(store.Run, w =>
        {
            w.StoreEmbeddings(store.ChunkIds, store.Vectors);
            Sender.Tell(new EmbeddingsStored(store.Run, store.ChunkIds.Count));
        }));
        Receive<RefreshVectors>(refresh => Write(refresh.Run, w =>
        {
            w.RefreshVectors(refresh.Tier, refresh.Dimension);
            Sender.Tell(new VectorsRefreshed(refresh.Run, w.Counts()));
        }));
        Receive<ReceiveTimeout>(_ =>
        {
            if (!memoryReleased)
            {
                writer?.ReleaseMemory();
                memoryReleased = true;
            }
        });
    }

    public static Props Props(Func<IndexWriter> open, EmbedderProvider embedders) =>
        Akka.Actor.Props.Create(() => new IndexWriterActor(open, embedders));

    /// <summary>
    /// A failure to open stops this actor (Akka stops an actor whose PreStart throws); the parent is told why first,
    /// so that the requests waiting on this writer are answered with the reason.
    /// </summary>
    protected override void PreStart()
    {
        try
        {
            writer = open();
        }
        catch (Exception e)
        {
            Context.Parent.Tell(new IndexWriterStopped(FailureMessage.Describe(e)));
            throw;
        }

        if (writer.MovedAside is { } movedAside)
        {
            Context.Parent.Tell(new IndexMovedAside(movedAside));
        }

        Context.Parent.Tell(new IndexCountsLoaded(writer.Counts()));
        Context.SetReceiveTimeout(IdleAfter);
    }

    protected override void PostStop() => writer?.Dispose();

    /// <summary>
    /// A step of the keyword index's merge. The index is valid between steps, so a failed one only ends the merge
    /// (the index stays in more segments, slower to search), and a restarted writer does not resume it.
    /// </summary>
    private void MergeStep()
    {
        if (merging is null)
        {
            return;
        }

        memoryReleased = false;
        try
        {
            if (writer!.MergeKeywordIndex())
            {
                Self.Tell(MergeKeywordIndex.Instance);
                return;
            }

            log.Info("Merged the keyword index of {0} into one segment in {1:0.0} s", writer.Project.Root, merging.Elapsed.TotalSeconds);
        }
        catch (Exception e)
        {
            log.Warning("Merging the keyword index of {0} stopped: {1}", writer!.Project.Root, FailureMessage.Describe(e));
        }

        merging = null;
    }

    private void Write(int run, Action<IndexWriter> step)
    {
        memoryReleased = false;
        try
        {
            step(writer!);
        }
        catch (Exception e)
        {
            Sender.Tell(new IndexWriteFailed(run, FailureMessage.Describe(e)));
            throw;
        }
    }
}

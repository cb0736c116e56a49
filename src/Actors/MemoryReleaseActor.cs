using Akka.Actor;
using Akka.Event;
using Ragex.Core;
using Ragex.Core.Embedding;
using Ragex.Core.Search;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;

namespace Ragex.Actors;

/// <summary>
/// Gives memory back once the daemon goes quiet. After a large index run, or a search that loaded a cache (the
/// kernel's symbol name table, its vector index), the GC keeps the heap at its peak for reuse.
/// Every <see cref="CheckInterval"/> this actor looks at what the process allocated: when the last interval allocated
/// almost nothing (idle) but much was allocated since the last release, one blocking, compacting collection returns the
/// freed memory to the system, after the static tier forgets the word pieces it remembered while indexing. Doing it
/// only when idle keeps its pause away from indexing and searches. Transformer sessions unused for their idle time give
/// their model back at the same checks, symbol search its fuzzy name indexes, semantic search its vector indexes, and
/// every search its pooled index readers.
/// </summary>
public sealed class MemoryReleaseActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(15);

    /// <summary>Allocated since the last release, this much is worth a compacting collection.</summary>
    private const long WorthReleasingBytes = 128L << 20;

    /// <summary>Allocated within one interval, no more than this counts as idle.</summary>
    private const long IdleBytes = 4L << 20;

    private readonly EmbedderProvider? embedders;
    private readonly SymbolNameCache? symbolNames;
    private readonly VectorIndexCache? vectors;
    private readonly ILoggingAdapter log = Context.GetLogger();
    private long releasedAt = GC.GetTotalAllocatedBytes();
    private long checkedAt = GC.GetTotalAllocatedBytes();

    public MemoryReleaseActor(EmbedderProvider? embedders, SymbolNameCache? symbolNames, VectorIndexCache? vectors)
    {
        this.embedders = embedders;
        this.symbolNames = symbolNames;
        this.vectors = vectors;
        Receive<Check>(_ => CheckNow());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EmbedderProvider? embedders = null, SymbolNameCache? symbolNames = null, VectorIndexCache? vectors = null) =>
        Akka.Actor.Props.Create(() => new MemoryReleaseActor(embedders, symbolNames, vectors));

    protected override void PreStart() => Timers.StartPeriodicTimer(Check.Instance, Check.Instance, CheckInterval);

    private void CheckNow()
    {
        var released = Logged(embedders?.ReleaseIdleSessions(), "idle transformer session(s); the model loads again when next needed")
            + Logged(symbolNames?.ReleaseUnused(), "unused fuzzy name index(es); the next near-miss symbol lookup builds its own again")
            + Logged(vectors?.ReleaseUnused(), "unused vector index(es); the next semantic search opens its own again from the snapshot");

        var allocated = GC.GetTotalAllocatedBytes();
        var idle = allocated - checkedAt <= IdleBytes;
        checkedAt = allocated;
        if (idle && (released > 0 || allocated - releasedAt >= WorthReleasingBytes))
        {
            var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
            embedders?.ForgetRememberedPieces();
            CompactHeap();
            releasedAt = checkedAt = GC.GetTotalAllocatedBytes();
            log.Info("Compacted the heap while idle: {0} -> {1} MiB committed", before >> 20, GC.GetGCMemoryInfo().TotalCommittedBytes >> 20);
        }

        // Pooled index readers and their page caches close, and what the native libraries freed meanwhile (those
        // caches, an idle index writer's, a released model) goes back at every idle check: a walk of the C heap's
        // arenas, a few milliseconds every 15 s.
        if (idle)
        {
            IndexDatabase.ReleasePooledReaders();
            NativeHeap.Trim();
        }
    }

    /// <summary>How many of something were let go (none when there is nothing to let go of), in one line when any.</summary>
    private int Logged(int? released, string what)
    {
        if (released is > 0)
        {
            log.Info("Released {0} {1}", released, what);
        }

        return released ?? 0;
    }

    /// <summary>One blocking, compacting collection that returns the freed memory to the system.</summary>
    internal static void CompactHeap() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    private sealed class Check
    {
        public static readonly Check Instance = new();
    }
}

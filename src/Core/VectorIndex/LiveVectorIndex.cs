using System.Runtime.InteropServices;
using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// One tier's FAISS index of one project, kept equal to index.db by replaying the vector change log
/// (<c>vector_changes</c>): opened from the snapshot on disk plus the changes after the sequence it covers, then
/// brought up to date by <see cref="CatchUp"/> (one indexed query when nothing changed), updated in place by id.
/// Rebuilt from every stored vector only when no snapshot can be used or the delta is larger than the index.
/// </summary>
/// <remarks>
/// Replay is by state, not by operation: every chunk changed in the range is removed, then added again with the
/// vector it has now, if any. So replaying a range twice, or a range the index already partly covers, is harmless,
/// which is what makes a kill at any point between the snapshot, its tag and the log pruning safe.
/// Thread-safety: searches run concurrently; catch-up, snapshot and replacement are serialized.
/// </remarks>
public sealed class LiveVectorIndex : IDisposable
{
    private const int AddPage = 4096;

    private readonly Project project;
    private readonly VectorTier tier;
    private readonly VectorIndexOptions options;
    private readonly Lock updating = new();
    private FaissIndex index;
    private string? logId;
    private long sequence;

    private LiveVectorIndex(Project project, VectorTier tier, int dimension, VectorIndexOptions options, FaissIndex index)
    {
        this.project = project;
        this.tier = tier;
        this.options = options;
        this.index = index;
        Dimension = dimension;
    }

    public int Dimension { get; }

    /// <summary>The last log sequence this index reflects.</summary>
    public long Sequence
    {
        get
        {
            lock (updating)
            {
                return sequence;
            }
        }
    }

    public long Count => Volatile.Read(ref index).Count;

    public FaissIndexKind Kind => Volatile.Read(ref index).Kind;

    /// <summary>How this index was last loaded: from the snapshot plus a replay, or rebuilt from every vector.</summary>
    public bool LoadedFromSnapshot { get; private set; }

    /// <summary>The snapshot on disk plus the changes since, or every stored vector when no snapshot fits this database.</summary>
    public static LiveVectorIndex Open(Project project, IndexDatabase database, VectorTier tier, int dimension, VectorIndexOptions options)
    {
        var live = new LiveVectorIndex(project, tier, dimension, options, FaissIndex.CreateFlat(dimension));
        try
        {
            lock (live.updating)
            {
                live.Load(database);
                live.CatchUpLocked(database);
            }

            return live;
        }
        catch
        {
            live.Dispose();
            throw;
        }
    }

    /// <summary>Applies every change committed since <see cref="Sequence"/>; cheap when there is none.</summary>
    public void CatchUp(IndexDatabase database)
    {
        lock (updating)
        {
            CatchUpLocked(database);
        }
    }

    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k)
    {
        try
        {
            return Volatile.Read(ref index).Search(query, k);
        }
        catch (ObjectDisposedException)
        {
            // Replaced (rebuilt) under this search: the new index is already in place.
            return Volatile.Read(ref index).Search(query, k);
        }
    }

    /// <summary>
    /// Brings the index up to date and, when <paramref name="force"/> or at least
    /// <see cref="VectorIndexOptions.SnapshotAfterChanges"/> chunks changed since the snapshot on disk (or there is
    /// none), writes it with the sequence it covers and prunes the log up to there. An exact index that has grown past
    /// <see cref="VectorIndexOptions.ApproximateFrom"/> (or an IVF index that outgrew its lists) is rebuilt first.
    /// Only the project's writer calls this, with its read-write database.
    /// </summary>
    /// <returns>Whether a snapshot was written.</returns>
    public bool Snapshot(IndexDatabase database, bool force)
    {
        long covered;
        lock (updating)
        {
            CatchUpLocked(database);
            var tag = ProjectVectors.ReadTag(project, tier);
            var due = force || tag is null || tag.LogId != logId || tag.Sequence > sequence
                || database.VectorLog.CountChanged(tier, tag.Sequence, sequence) >= options.SnapshotAfterChanges;
            if (!due)
            {
                return false;
            }

            if (Outgrown(index))
            {
                Rebuild(database);
                CatchUpLocked(database);
            }

            ProjectVectors.WriteSnapshot(project, tier, index, new SnapshotTag(logId!, sequence));
            covered = sequence;
        }

        database.VectorLog.Prune(tier, covered);
        return true;
    }

    public void Dispose()
    {
        lock (updating)
        {
            index.Dispose();
        }
    }

    private bool Outgrown(FaissIndex current) => current.Kind switch
    {
        FaissIndexKind.Flat => current.Count >= options.ApproximateFrom,
        FaissIndexKind.IvfSq => current.NList < options.MaxLists && current.Count > (long)current.NList * options.VectorsPerList * options.RebuildWhenGrown,
        _ => true,
    };

    private void Load(IndexDatabase database)
    {
        logId = database.Meta.Get(MetaKeys.VectorLog);
        var upTo = database.VectorLog.Sequence();
        var tag = ProjectVectors.ReadTag(project, tier);
        if (tag is not null && tag.LogId == logId && tag.Sequence <= upTo && tag.Sequence >= database.VectorLog.Pruned(tier)
            && TryLoadSnapshot() is { } loaded)
        {
            Replace(loaded, tag.Sequence);
            LoadedFromSnapshot = true;
            return;
        }

        Rebuild(database);
    }

    private FaissIndex? TryLoadSnapshot()
    {
        try
        {
            var loaded = FaissIndex.Load(ProjectVectors.IndexPath(project, tier));
            if (loaded.Dimension == Dimension && loaded.Kind is FaissIndexKind.Flat or FaissIndexKind.IvfSq)
            {
                if (loaded.Kind == FaissIndexKind.IvfSq)
                {
                    // The snapshot keeps the probes of the build that wrote it; the options of this one apply.
                    loaded.NProbe = options.ProbesFor(loaded.NList);
                }

                return loaded;
            }

            loaded.Dispose();
        }
        catch (FaissException)
        {
            // Missing or unreadable: rebuilt from the source of truth.
        }

        return null;
    }

    /// <summary>Every stored vector; the sequence is read first, so changes committed during the build are replayed after it.</summary>
    private void Rebuild(IndexDatabase database)
    {
        logId = database.Meta.Get(MetaKeys.VectorLog);
        var upTo = database.VectorLog.Sequence();
        Replace(ProjectVectors.Build(database, tier, Dimension, options), upTo);
        LoadedFromSnapshot = false;
    }

    private void CatchUpLocked(IndexDatabase database)
    {
        var upTo = database.VectorLog.Sequence();
        if (upTo == sequence)
        {
            return;
        }

        if (upTo < sequence || database.Meta.Get(MetaKeys.VectorLog) != logId || database.VectorLog.Pruned(tier) > sequence)
        {
            // Another database under the same path, or another writer pruned what this copy still needed.
            Load(database);
            upTo = database.VectorLog.Sequence();
        }

        var changed = database.VectorLog.Changed(tier, sequence, upTo);
        if (changed.Count == 0)
        {
            sequence = upTo;
            return;
        }

        if (changed.Count > Math.Max(AddPage, index.Count))
        {
            Rebuild(database);
            CatchUpLocked(database);
            return;
        }

        index.Remove(changed.ToArray());
        var ids = new List<long>(AddPage);
        var vectors = new List<float>(AddPage * Dimension);
        foreach (var (id, vector) in database.VectorLog.ChangedVectors(tier, sequence, upTo))
        {
            if (vector.Length != Dimension)
            {
                continue;
            }

            ids.Add(id);
            vectors.AddRange(vector);
            if (ids.Count == AddPage)
            {
                index.Add(CollectionsMarshal.AsSpan(vectors), CollectionsMarshal.AsSpan(ids));
                ids.Clear();
                vectors.Clear();
            }
        }

        if (ids.Count > 0)
        {
            index.Add(CollectionsMarshal.AsSpan(vectors), CollectionsMarshal.AsSpan(ids));
        }

        sequence = upTo;
    }

    private void Replace(FaissIndex replacement, long covers)
    {
        var previous = Interlocked.Exchange(ref index, replacement);
        sequence = covers;
        previous.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// Keeps each project's <see cref="LiveVectorIndex"/> of each tier loaded between searches (a long-lived process such
/// as the daemon must not reload it per query); every search first applies the changes committed since the last one
/// (in place, by id). In the daemon the project's writer snapshots through the same instance, so the index it saves
/// is the one searches read and nothing is loaded twice.
/// </summary>
public sealed class VectorIndexCache(VectorIndexOptions? options = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, LiveVectorIndex> indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Use> uses = new(StringComparer.Ordinal);
    private readonly Lock opening = new();

    public VectorIndexOptions Options { get; } = options ?? new VectorIndexOptions();

    /// <summary>
    /// An index no search used for this long is let go by <see cref="ReleaseUnused"/> (the kernel's static tier holds
    /// about 220 MiB, the stdlib's two exact tiers about 50) and opened again by the next search, from its snapshot
    /// and the changes logged since (a fraction of a second on the kernel), as the fuzzy name indexes are.
    /// </summary>
    public TimeSpan ReleaseUnusedAfter { get; init; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<VectorMatch> Search(Project project, IndexDatabase database, VectorTier tier, ReadOnlySpan<float> query, int k)
    {
        var use = uses.GetOrAdd(Key(project, tier), _ => new Use());
        Interlocked.Increment(ref use.Searching);
        try
        {
            Volatile.Write(ref use.LastSearched, Environment.TickCount64);
            try
            {
                return Search(Get(project, database, tier, query.Length), database, tier, query, k);
            }
            catch (ObjectDisposedException)
            {
                // Let go between this search counting itself in and looking it up (ReleaseUnused had just checked):
                // opened again, and no release passes this search's count now.
                return Search(Get(project, database, tier, query.Length), database, tier, query, k);
            }
        }
        finally
        {
            Interlocked.Decrement(ref use.Searching);
        }
    }

    /// <summary>
    /// Lets go of every index no search used for <see cref="ReleaseUnusedAfter"/> and none is using now (a search counts
    /// itself in before it looks the index up); how many were let go.
    /// </summary>
    public int ReleaseUnused()
    {
        var released = 0;
        foreach (var (key, live) in indexes)
        {
            var use = uses.GetOrAdd(key, _ => new Use());
            lock (opening)
            {
                if (Volatile.Read(ref use.Searching) == 0
                    && Environment.TickCount64 - Volatile.Read(ref use.LastSearched) >= ReleaseUnusedAfter.TotalMilliseconds
                    && indexes.TryRemove(new KeyValuePair<string, LiveVectorIndex>(key, live)))
                {
                    live.Dispose();
                    released++;
                }
            }
        }

        return released;
    }

    private IReadOnlyList<VectorMatch> Search(LiveVectorIndex live, IndexDatabase database, VectorTier tier, ReadOnlySpan<float> query, int k)
    {
        live.CatchUp(database);
        return live.Kind == FaissIndexKind.Flat
            ? live.Search(query, k)
            : Rerank(database, tier, query, live.Search(query, Options.RerankPoolFor(k)), k);
    }

    /// <summary>The <paramref name="k"/> candidates nearest by exact inner product with their stored vectors.</summary>
    private static List<VectorMatch> Rerank(IndexDatabase database, VectorTier tier, ReadOnlySpan<float> query, IReadOnlyList<VectorMatch> candidates, int k)
    {
        var exact = new List<VectorMatch>(candidates.Count);
        foreach (var (id, vector) in database.Vectors.Of(tier, [.. candidates.Select(c => c.Id)]))
        {
            if (vector.Length == query.Length)
            {
                exact.Add(new VectorMatch(id, TensorPrimitives.Dot(query, vector)));
            }
        }

        exact.Sort((a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : a.Id.CompareTo(b.Id));
        return exact.Count > k ? exact.GetRange(0, k) : exact;
    }

    /// <summary>
    /// Brings the tier's index up to date and snapshots it when due (see <see cref="LiveVectorIndex.Snapshot"/>). A tier
    /// no search has loaded is opened for this and let go after, unless nothing changed since its snapshot (then not
    /// even opened): an idle daemon holds no index nobody searches.
    /// </summary>
    /// <returns>Whether a snapshot was written.</returns>
    public bool Snapshot(Project project, IndexDatabase database, VectorTier tier, int dimension, bool force = false)
    {
        if (indexes.TryGetValue(Key(project, tier), out var loaded) && loaded.Dimension == dimension)
        {
            try
            {
                return loaded.Snapshot(database, force);
            }
            catch (ObjectDisposedException)
            {
                // Let go meanwhile (ReleaseUnused), before it changed anything: snapshotted as one no search has loaded.
            }
        }

        var tag = ProjectVectors.ReadTag(project, tier);
        if (!force && tag is not null && tag.LogId == database.Meta.Get(MetaKeys.VectorLog)
            && tag.Sequence >= database.VectorLog.Pruned(tier) && tag.Sequence <= database.VectorLog.Sequence()
            && database.VectorLog.CountChanged(tier, tag.Sequence, database.VectorLog.Sequence()) < Options.SnapshotAfterChanges
            && File.Exists(ProjectVectors.IndexPath(project, tier)))
        {
            return false;
        }

        using var live = LiveVectorIndex.Open(project, database, tier, dimension, Options);
        return live.Snapshot(database, force);
    }

    /// <summary>
    /// Loads the tier's index through a read-only connection of its own, so that it is built while the project's writer
    /// does other work; the writer's next <see cref="Snapshot"/> finds it loaded and only catches up.
    /// </summary>
    public void Load(Project project, VectorTier tier, int dimension)
    {
        // Kept as if searched now (a release waits for that long unused): the first searches after a run find it loaded.
        Volatile.Write(ref uses.GetOrAdd(Key(project, tier), _ => new Use()).LastSearched, Environment.TickCount64);
        using var reader = IndexDatabase.Open(project.DatabasePath, readOnly: true);
        Get(project, reader, tier, dimension);
    }

    public void Dispose()
    {
        foreach (var index in indexes.Values)
        {
            index.Dispose();
        }

        indexes.Clear();
    }

    /// <summary>Searches of one tier's index: how many are running, and when the last began.</summary>
    private sealed class Use
    {
        public int Searching;
        public long LastSearched;
    }

    private static string Key(Project project, VectorTier tier) => project.Id + "/" + tier.Name;

    private LiveVectorIndex Get(Project project, IndexDatabase database, VectorTier tier, int dimension)
    {
        var key = Key(project, tier);
        if (indexes.TryGetValue(key, out var cached) && cached.Dimension == dimension)
        {
            return cached;
        }

        lock (opening)
        {
            if (indexes.TryGetValue(key, out cached) && cached.Dimension == dimension)
            {
                return cached;
            }

            var opened = LiveVectorIndex.Open(project, database, tier, dimension, Options);
            indexes[key] = opened;
            cached?.Dispose();
            return opened;
        }
    }
}

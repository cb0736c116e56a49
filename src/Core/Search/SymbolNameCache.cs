using System.Collections.Concurrent;
using Ragex.Core.Storage;

namespace Ragex.Core.Search;

/// <summary>
/// Each index's <see cref="SymbolNameIndex"/>, built on the first fuzzy lookup and kept while the index's
/// <see cref="MetaKeys.SymbolsVersion"/> stays put. When it moves, the names of the files stored since the build are
/// scored beside the packed index (a save costs a few rows, not a rebuild), until they are too many to score one by
/// one; names deleted since then are dropped by <see cref="Invalidate"/> once a lookup finds one gone. Rebuilds are
/// spaced so that they take at most <see cref="RebuildShare"/> of the time: a client polling for a name while a
/// branch switch is being indexed would otherwise rebuild the kernel's 3M names on every poll and slow the indexing it
/// waits for. Meanwhile near-miss lookups read the previous index (exact and prefix matches come from SQLite, always
/// current).
/// </summary>
public sealed class SymbolNameCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Names of files stored since the build, beyond which the whole index is rebuilt instead.</summary>
    public int MaxRecentNames { get; init; } = 20_000;

    /// <summary>The most of the wall time full rebuilds may take (0: rebuild whenever the names moved too much).</summary>
    public double RebuildShare { get; init; } = 0.1;

    /// <summary>
    /// An index no lookup used for this long is let go by <see cref="ReleaseUnused"/> (the kernel's takes 53 MiB) and
    /// built again by the next lookup (about a second there), as a transformer session gives its model back.
    /// </summary>
    public TimeSpan ReleaseUnusedAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Full builds so far (for tests and status).</summary>
    public int Builds => Volatile.Read(ref builds);

    private int builds;

    public FuzzyNames Find(IndexDatabase database, string databasePath, string query, int limit)
    {
        var entry = entries.GetOrAdd(databasePath, _ => new Entry());
        SymbolNameIndex index;
        IReadOnlyList<string> recent;
        lock (entry)
        {
            entry.LastUsed = Environment.TickCount64;
            Refresh(entry, database);
            (index, recent) = (entry.Index!, entry.Recent);
        }

        var found = index.Find(query, limit);
        if (recent.Count == 0)
        {
            return found;
        }

        var names = new Dictionary<string, ScoredName>(StringComparer.Ordinal);
        foreach (var name in found.Names)
        {
            names[name.Name] = name;
        }

        foreach (var name in recent)
        {
            var score = SymbolNameIndex.CoveredByPrefix(query, name) ? 0 : SymbolMatcher.Score(query, name);
            if (score > 0)
            {
                names[name] = new ScoredName(name, score);
            }
        }

        var merged = names.Values.ToList();
        merged.Sort(ScoredName.Compare);
        return new FuzzyNames(merged.Count > limit ? merged.GetRange(0, limit) : merged, found.Verified + recent.Count);
    }

    /// <summary>Rebuilds the index of <paramref name="databasePath"/> on its next lookup (a name it returned is gone).</summary>
    public void Invalidate(string databasePath)
    {
        if (entries.TryGetValue(databasePath, out var entry))
        {
            lock (entry)
            {
                entry.Index = null;
            }
        }
    }

    /// <summary>Lets go of every index no lookup used for <see cref="ReleaseUnusedAfter"/>; how many were let go.</summary>
    public int ReleaseUnused()
    {
        var released = 0;
        foreach (var entry in entries.Values)
        {
            lock (entry)
            {
                if (entry.Index is not null && Environment.TickCount64 - entry.LastUsed >= ReleaseUnusedAfter.TotalMilliseconds)
                {
                    (entry.Index, entry.Recent) = (null, []);
                    released++;
                }
            }
        }

        return released;
    }

    private void Refresh(Entry entry, IndexDatabase database)
    {
        // An index from before the symbols version has nothing to compare: it is read afresh every time.
        var version = database.Meta.Get(MetaKeys.SymbolsVersion);
        if (entry.Index is not null && version is not null && version == entry.Version)
        {
            return;
        }

        if (entry.Index is not null && version is not null && entry.Version is not null)
        {
            // Once too many names came, they only grow until the rebuild: no need to read them again while it waits.
            if (entry.RecentOverflowed && RebuildWaits(entry))
            {
                return;
            }

            var recent = database.Symbols.NamesIndexedSince(entry.Since);
            if (recent.Count <= MaxRecentNames)
            {
                (entry.Recent, entry.Version) = (recent, version);
                return;
            }

            entry.RecentOverflowed = true;
            if (RebuildWaits(entry))
            {
                return;
            }
        }

        // Read before the names: a file stored meanwhile moves the version again, and its second is at or after Since.
        var since = database.Files.LastIndexedAt();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        entry.Index = SymbolNameIndex.Build(database.Symbols.DistinctNames());
        (entry.Version, entry.Since, entry.Recent, entry.BuildTime, entry.Built, entry.RecentOverflowed) = (version, since, [], watch.Elapsed, watch, false);
        Interlocked.Increment(ref builds);
    }

    private bool RebuildWaits(Entry entry) => RebuildShare > 0 && entry.Built.Elapsed < entry.BuildTime / RebuildShare;

    private sealed class Entry
    {
        public SymbolNameIndex? Index { get; set; }

        /// <summary>When a lookup last used the entry (<see cref="Environment.TickCount64"/>).</summary>
        public long LastUsed { get; set; }

        public string? Version { get; set; }

        public long Since { get; set; }

        public IReadOnlyList<string> Recent { get; set; } = [];

        public TimeSpan BuildTime { get; set; }

        /// <summary>Running since the last full build.</summary>
        public System.Diagnostics.Stopwatch Built { get; set; } = new();

        /// <summary>More names were stored since the last build than are scored one by one: a rebuild is due.</summary>
        public bool RecentOverflowed { get; set; }
    }
}

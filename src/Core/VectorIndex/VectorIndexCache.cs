using System.Collections.Concurrent;
using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// Keeps each project's FAISS index of each tier loaded between searches (a long-lived process such as the daemon must not reload
/// it per query), replacing it when the database's version of that tier (<see cref="VectorTier.VersionKey"/>) moves on.
/// </summary>
public sealed class VectorIndexCache : IDisposable
{
    private readonly ConcurrentDictionary<string, (string? Version, FaissIndex Index)> indexes = new(StringComparer.Ordinal);
    private readonly Lock replacing = new();

    private FaissIndex Get(Project project, IndexDatabase database, VectorTier tier, int dimension)
    {
        var key = project.Id + "/" + tier.Name;
        var version = database.GetMeta(tier.VersionKey);
        if (indexes.TryGetValue(key, out var cached) && cached.Version == version && cached.Index.Dimension == dimension)
        {
            return cached.Index;
        }

        lock (replacing)
        {
            if (indexes.TryGetValue(key, out cached) && cached.Version == version && cached.Index.Dimension == dimension)
            {
                return cached.Index;
            }

            var loaded = ProjectVectors.Open(project, database, tier, dimension);
            indexes[key] = (version, loaded);
            cached.Index?.Dispose();
            return loaded;
        }
    }

    /// <summary>
    /// A replaced index is disposed at once: FaissIndex waits for searches in progress, and a search that fetched it
    /// just before gets an <see cref="ObjectDisposedException"/> and asks again (see <see cref="Search"/>).
    /// </summary>
    public IReadOnlyList<VectorMatch> Search(Project project, IndexDatabase database, VectorTier tier, ReadOnlySpan<float> query, int k)
    {
        try
        {
            return Get(project, database, tier, query.Length).Search(query, k);
        }
        catch (ObjectDisposedException)
        {
            return Get(project, database, tier, query.Length).Search(query, k);
        }
    }

    public void Dispose()
    {
        foreach (var (_, index) in indexes.Values)
        {
            index.Dispose();
        }

        indexes.Clear();
    }
}

using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// A project's FAISS file of one <see cref="VectorTier"/> (<c>static.faiss</c>, <c>vectors.faiss</c>): a cache derived
/// from the vectors in index.db, tagged (in a sidecar file) with the tier's version it was built from. A missing, stale
/// or unreadable file is rebuilt from the database, never trusted.
/// </summary>
public static class ProjectVectors
{
    public static string IndexPath(Project project, VectorTier tier) => Path.Combine(project.DataDirectory, tier.FileName);

    private static string VersionPath(Project project, VectorTier tier) => IndexPath(project, tier) + ".version";

    public static bool IsCurrent(Project project, IndexDatabase database, VectorTier tier) =>
        File.Exists(IndexPath(project, tier)) && File.Exists(VersionPath(project, tier))
        && File.ReadAllText(VersionPath(project, tier)) == database.GetMeta(tier.VersionKey);

    /// <summary>Builds the index from the database and writes it atomically, the version tag last.</summary>
    public static void Rebuild(Project project, IndexDatabase database, VectorTier tier, int dimension)
    {
        using var index = Build(database, tier, dimension);
        index.Save(IndexPath(project, tier));
        var temporary = VersionPath(project, tier) + ".tmp";
        File.WriteAllText(temporary, database.GetMeta(tier.VersionKey) ?? "");
        File.Move(temporary, VersionPath(project, tier), overwrite: true);
    }

    /// <summary>The saved index when it is current, otherwise one built in memory from the database.</summary>
    public static FaissIndex Open(Project project, IndexDatabase database, VectorTier tier, int dimension)
    {
        if (IsCurrent(project, database, tier))
        {
            try
            {
                var loaded = FaissIndex.Load(IndexPath(project, tier));
                if (loaded.Dimension == dimension)
                {
                    return loaded;
                }

                loaded.Dispose();
            }
            catch (FaissException)
            {
                // Unreadable cache: fall through and rebuild from the source of truth.
            }
        }

        return Build(database, tier, dimension);
    }

    private static FaissIndex Build(IndexDatabase database, VectorTier tier, int dimension)
    {
        var index = FaissIndex.CreateFlat(dimension);
        const int batchSize = 4096;
        var ids = new List<long>(batchSize);
        var vectors = new List<float>(batchSize * dimension);
        foreach (var (id, vector) in database.Embeddings(tier))
        {
            if (vector.Length != dimension)
            {
                continue;
            }

            ids.Add(id);
            vectors.AddRange(vector);
            if (ids.Count == batchSize)
            {
                index.Add(vectors.ToArray(), ids.ToArray());
                ids.Clear();
                vectors.Clear();
            }
        }

        if (ids.Count > 0)
        {
            index.Add(vectors.ToArray(), ids.ToArray());
        }

        return index;
    }
}

using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// A project's <c>vectors.faiss</c>: a cache derived from the embeddings in index.db, tagged (in a sidecar file) with
/// the <see cref="MetaKeys.VectorsVersion"/> it was built from. A missing, stale or unreadable file is rebuilt from
/// the database, never trusted.
/// </summary>
public static class ProjectVectors
{
    public static string IndexPath(Project project) => Path.Combine(project.DataDirectory, "vectors.faiss");

    private static string VersionPath(Project project) => IndexPath(project) + ".version";

    public static bool IsCurrent(Project project, IndexDatabase database) =>
        File.Exists(IndexPath(project)) && File.Exists(VersionPath(project))
        && File.ReadAllText(VersionPath(project)) == database.GetMeta(MetaKeys.VectorsVersion);

    /// <summary>Builds the index from the database and writes it atomically, the version tag last.</summary>
    public static void Rebuild(Project project, IndexDatabase database, int dimension)
    {
        using var index = Build(database, dimension);
        index.Save(IndexPath(project));
        var temporary = VersionPath(project) + ".tmp";
        File.WriteAllText(temporary, database.GetMeta(MetaKeys.VectorsVersion) ?? "");
        File.Move(temporary, VersionPath(project), overwrite: true);
    }

    /// <summary>The saved index when it is current, otherwise one built in memory from the database.</summary>
    public static FaissIndex Open(Project project, IndexDatabase database, int dimension)
    {
        if (IsCurrent(project, database))
        {
            try
            {
                var loaded = FaissIndex.Load(IndexPath(project));
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

        return Build(database, dimension);
    }

    private static FaissIndex Build(IndexDatabase database, int dimension)
    {
        var index = FaissIndex.CreateFlat(dimension);
        const int batchSize = 4096;
        var ids = new List<long>(batchSize);
        var vectors = new List<float>(batchSize * dimension);
        foreach (var (id, vector) in database.Embeddings())
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

using System.Globalization;
using System.Runtime.InteropServices;
using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// A project's FAISS snapshot of one <see cref="VectorTier"/> (<c>static.faiss</c>, <c>vectors.faiss</c>) and its tag
/// (<c>.seq</c>: the database's vector log id and the sequence the snapshot covers), and building an index from every
/// stored vector when no snapshot can be used. The snapshot is a cache: index.db is the source of truth.
/// </summary>
public static class ProjectVectors
{
    private const int BuildPage = 4096;

    public static string IndexPath(Project project, VectorTier tier) => Path.Combine(project.DataDirectory, tier.FileName);

    private static string TagPath(Project project, VectorTier tier) => IndexPath(project, tier) + ".seq";

    /// <summary>The snapshot's tag, or null when there is none or it is unreadable.</summary>
    public static SnapshotTag? ReadTag(Project project, VectorTier tier)
    {
        try
        {
            var parts = File.ReadAllText(TagPath(project, tier)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                ? new SnapshotTag(parts[0], sequence)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Saves the index atomically, then its tag (also atomically). A kill between the two leaves the new index under
    /// the old, lower tag, which is safe: replaying a chunk's change sets it to its current state again.
    /// </summary>
    public static void WriteSnapshot(Project project, VectorTier tier, FaissIndex index, SnapshotTag tag)
    {
        index.Save(IndexPath(project, tier));
        var temporary = TagPath(project, tier) + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{tag.LogId} {tag.Sequence}"));
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, TagPath(project, tier), overwrite: true);

        // The tag of the rebuilt-every-time files this snapshot replaces.
        File.Delete(IndexPath(project, tier) + ".version");
    }

    /// <summary>The training sample in one row-major buffer, filled as it is read (the vectors of another dimension left out).</summary>
    private static ReadOnlyMemory<float> TrainingSample(IndexDatabase database, VectorTier tier, int dimension, int size, long count)
    {
        var flat = new float[Math.Max(1, size) * dimension];
        var used = 0;
        foreach (var vector in database.Vectors.Sample(tier, size, count))
        {
            if (vector.Length != dimension)
            {
                continue;
            }

            if (used + dimension > flat.Length)
            {
                Array.Resize(ref flat, flat.Length * 2);
            }

            vector.CopyTo(flat, used);
            used += dimension;
        }

        return flat.AsMemory(0, used);
    }

    /// <summary>
    /// An empty index for the tier's vectors: IVF trained on a sample, or exact when the tier holds few. The sample
    /// (100 MiB on the kernel) is garbage once this returns, before the vectors are added.
    /// </summary>
    private static FaissIndex NewIndex(IndexDatabase database, VectorTier tier, int dimension, VectorIndexOptions options)
    {
        // Chunks not waiting for a vector: those with one, and keyword-only ones (generated code), which have none.
        var count = database.Chunks.Count() - database.Chunks.CountPending(tier);
        var lists = options.ListsFor(count);
        var sample = count >= options.ApproximateFrom
            ? TrainingSample(database, tier, dimension, (int)Math.Min(count, (long)lists * options.TrainingPerList), count)
            : ReadOnlyMemory<float>.Empty;

        // Few vectors after all (most chunks keyword-only): k-means wants several per list, exact search is cheap.
        if (sample.Length / dimension < lists * options.MinTrainingPerList)
        {
            return FaissIndex.CreateFlat(dimension);
        }

        var index = FaissIndex.CreateIvfSq(dimension, lists, options.ProbesFor(lists), options.CodeBits);
        try
        {
            index.Train(sample.Span, options.TrainingIterations);
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An index of every stored vector of the tier: exact below <see cref="VectorIndexOptions.ApproximateFrom"/>,
    /// otherwise IVF with scalar codes trained on a sample spread over the whole index (ids follow the walk's order, so the first
    /// ones would all be one corner of the tree).
    /// </summary>
    public static FaissIndex Build(IndexDatabase database, VectorTier tier, int dimension, VectorIndexOptions options)
    {
        var index = NewIndex(database, tier, dimension, options);
        try
        {
            var ids = new List<long>(BuildPage);
            var vectors = new List<float>(BuildPage * dimension);
            foreach (var (id, vector) in database.Vectors.All(tier))
            {
                if (vector.Length != dimension)
                {
                    continue;
                }

                ids.Add(id);
                vectors.AddRange(vector);
                if (ids.Count < BuildPage)
                {
                    continue;
                }

                index.Add(CollectionsMarshal.AsSpan(vectors), CollectionsMarshal.AsSpan(ids));
                ids.Clear();
                vectors.Clear();
            }

            if (ids.Count > 0)
            {
                index.Add(CollectionsMarshal.AsSpan(vectors), CollectionsMarshal.AsSpan(ids));
            }

            index.Compact();
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }
}

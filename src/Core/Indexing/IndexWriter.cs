using System.Globalization;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Indexing;

/// <summary>
/// The one writer of a project's index: every method commits one atomic transaction, so a killed process leaves
/// either the state before or after it. Chunks without a vector are the embedding queue, which survives restarts;
/// <c>vectors.faiss</c> is rebuilt from the database whenever it is stale.
/// </summary>
public sealed class IndexWriter(Project project, IndexDatabase database) : IDisposable
{
    public static IndexWriter Open(Project project) => new(project, IndexDatabase.Open(project.DatabasePath));

    public Project Project => project;

    public Dictionary<string, FileRecord> LoadFiles() => database.LoadFiles();

    public void Store(IEnumerable<ParsedFile> files)
    {
        using var batch = database.BeginBatch();
        foreach (var file in files)
        {
            batch.ReplaceFile(file.File, file.Symbols, file.Chunks);
        }

        batch.Commit();
    }

    /// <summary>
    /// After every changed file is stored: records touched files, purges deleted ones, whether the run embeds
    /// (<see cref="MetaKeys.Embeddings"/>), refreshes rg's ignore file.
    /// </summary>
    public void FinishScan(IndexPlan plan, bool contentChanged, bool embeddings)
    {
        using (var batch = database.BeginBatch())
        {
            foreach (var file in plan.Touched)
            {
                batch.UpdateStat(file);
            }

            foreach (var path in plan.Deleted)
            {
                batch.DeleteFile(path);
            }

            batch.SetMeta(MetaKeys.LastIndexed, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            batch.SetMeta(MetaKeys.Embeddings, embeddings ? "on" : "off");
            if (contentChanged || plan.Deleted.Count > 0)
            {
                batch.SetMeta(MetaKeys.VectorsVersion, NewVersion());
            }

            batch.Commit();
        }

        RipgrepIgnoreFile.Write(project.RipgrepIgnorePath, project.Root, plan.Statistics.RagexIgnoreFiles);
    }

    /// <summary>Vectors from another model are useless: switching models queues every chunk again.</summary>
    public void UseModel(string modelId)
    {
        if (database.GetMeta(MetaKeys.EmbeddingModel) == modelId)
        {
            return;
        }

        using var reset = database.BeginBatch();
        reset.ClearEmbeddings();
        reset.SetMeta(MetaKeys.EmbeddingModel, modelId);
        reset.Commit();
    }

    public long CountPendingChunks() => database.CountPendingChunks();

    public List<(long Id, string Text)> PendingChunks(long afterId, int limit) => database.PendingChunks(afterId, limit);

    public void StoreEmbeddings(IReadOnlyList<long> chunkIds, IReadOnlyList<float[]> vectors)
    {
        using var batch = database.BeginBatch();
        batch.SetEmbeddings(chunkIds, vectors);
        batch.SetMeta(MetaKeys.VectorsVersion, NewVersion());
        batch.Commit();
    }

    public bool VectorsAreCurrent => ProjectVectors.IsCurrent(project, database);

    /// <summary>Writes <c>vectors.faiss</c> anew from the database (atomically); call it when it is not current.</summary>
    public void RebuildVectors(int dimension) => ProjectVectors.Rebuild(project, database, dimension);

    public IndexCounts Counts() =>
        new(database.CountFiles(), database.CountSymbols(), database.CountChunks(), database.CountEmbeddedChunks());

    public void Dispose() => database.Dispose();

    private static string NewVersion() => Guid.NewGuid().ToString("N");
}

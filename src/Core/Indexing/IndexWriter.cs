using System.Globalization;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Indexing;

/// <summary>
/// The one writer of a project's index: every method commits one atomic transaction, so a killed process leaves
/// either the state before or after it. Chunks get their static vector as they are stored; chunks without a
/// transformer vector are that tier's queue, which survives restarts. Every vector write is logged by SQLite
/// (<c>vector_changes</c>); each tier's FAISS index replays that log in place and is snapshotted to disk at the end of a
/// run and every <see cref="VectorIndexOptions.SnapshotAfterChanges"/> changes, never rebuilt per change.
/// </summary>
/// <param name="sharedVectors">The process's live indexes (the daemon's searches read them); null for a private set.</param>
public sealed class IndexWriter(Project project, IndexDatabase database, VectorIndexCache? sharedVectors = null) : IDisposable
{
    private readonly VectorIndexCache liveVectors = sharedVectors ?? new VectorIndexCache();
    private int embeddingsSinceSnapshot;

    /// <summary>Opens the project's index for writing; an unreadable one is moved aside and started afresh (<see cref="MovedAside"/>).</summary>
    public static IndexWriter Open(Project project, VectorIndexCache? vectors = null)
    {
        var database = IndexDatabase.OpenForWriting(project.DatabasePath);
        var movedAside = database.Meta.Get(MetaKeys.MovedAside);
        if (movedAside is not null)
        {
            database.Meta.Remove(MetaKeys.MovedAside);
        }

        return new(project, database, vectors) { MovedAside = movedAside };
    }

    /// <summary>Where an unreadable index.db was moved when this writer opened, or null.</summary>
    public string? MovedAside { get; private init; }

    public Project Project => project;

    public Dictionary<string, FileRecord> LoadFiles() => database.Files.Load();

    /// <summary>The records of these paths and of the files under them.</summary>
    public Dictionary<string, FileRecord> LoadFiles(IReadOnlyCollection<string> paths) => database.Files.Load(paths);

    /// <summary>
    /// Called once a run is planned, before its first <see cref="Store"/>: a run that rewrites most of the index (a
    /// first index, a new branch) stores in bulk until <see cref="CompleteScan"/>.
    /// </summary>
    public void Prepare(IndexPlan plan)
    {
        if (plan.Changed.Count >= BulkLoad.MinimumFiles && plan.Changed.Count >= database.Files.Count())
        {
            database.BeginBulkLoad();
        }
    }

    public void Store(IEnumerable<ParsedFile> files)
    {
        using var batch = database.BeginBatch();
        foreach (var file in files)
        {
            batch.ReplaceFile(file.File, file.Symbols, file.Chunks, file.StaticVectors, file.KeywordOnly, file.NameWords);
        }

        batch.Commit();
    }

    /// <summary>
    /// After every changed file of a run is stored (both indexing drivers, the daemon's actors and the in-process
    /// indexer, end a run here): the scan's bookkeeping, then the static tier completed (when the index keeps vectors)
    /// and its FAISS file brought up to date. From here every chunk is searchable in every mode.
    /// </summary>
    public IndexCounts CompleteScan(IndexPlan plan, bool embeddings, StaticEmbedder? staticTier, CancellationToken cancellationToken = default)
    {
        FinishScan(plan, embeddings);
        if (staticTier is null)
        {
            KeywordIndexToMerge |= database.EndBulkLoad();
            return Counts();
        }

        CompleteStaticTier(staticTier, cancellationToken);

        // SQLite rebuilds what a bulk load dropped on one core (75 s on the kernel); meanwhile the static tier's vector
        // index is built from the stored vectors, FAISS on every core, through a connection of its own. The snapshot
        // below then only catches up with it.
        var loading = database.InBulkLoad ? Task.Run(() => liveVectors.Load(project, VectorTier.Static, staticTier.Dimension), CancellationToken.None) : null;
        try
        {
            KeywordIndexToMerge |= database.EndBulkLoad();
        }
        finally
        {
            loading?.GetAwaiter().GetResult();
        }

        RefreshVectors(VectorTier.Static, staticTier.Dimension);
        return Counts();
    }

    /// <summary>
    /// Set when a bulk load rebuilt the keyword index: FTS5's rebuild leaves it in tens of segments (23 for the
    /// kernel), and every term of a query is looked up in each. <see cref="MergeKeywordIndex"/> merges it into one.
    /// </summary>
    public bool KeywordIndexToMerge { get; private set; }

    /// <summary>
    /// Pages written per <see cref="MergeKeywordIndex"/> step. The kernel's keyword index (130,000 pages) merges in
    /// about 9 s, so a step takes some 70 ms: a save waits for at most one.
    /// </summary>
    public const int KeywordMergePagesPerStep = 1000;

    /// <summary>The keyword index's segments, before a merge (for its log line).</summary>
    public long KeywordSegments() => database.KeywordSegments();

    /// <summary>One bounded step of merging the keyword index into one segment; false once there is nothing left to merge.</summary>
    public bool MergeKeywordIndex()
    {
        KeywordIndexToMerge = database.MergeKeywordIndex(KeywordMergePagesPerStep);
        return KeywordIndexToMerge;
    }

    /// <summary>
    /// Records touched files, purges deleted ones, whether the run embeds (<see cref="MetaKeys.Embeddings"/>),
    /// refreshes rg's ignore file.
    /// </summary>
    private void FinishScan(IndexPlan plan, bool embeddings)
    {
        using (var batch = database.BeginBatch())
        {
            batch.UpdateStats(plan.Touched);
            batch.DeleteFiles(plan.Deleted);

            batch.SetMeta(MetaKeys.LastIndexed, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            batch.SetMeta(MetaKeys.Embeddings, embeddings ? "on" : "off");
            batch.Commit();
        }

        if (!plan.Partial)
        {
            RipgrepIgnoreFile.Write(project.RipgrepIgnorePath, project.Root, plan.Statistics.RagexIgnoreFiles, plan.Statistics.TooLargeFiles);
        }
    }

    /// <summary>Vectors from another model are useless: switching models queues every chunk again.</summary>
    public void UseModel(string modelId)
    {
        if (database.Meta.Get(MetaKeys.EmbeddingModel) == modelId)
        {
            return;
        }

        using var reset = database.BeginBatch();
        reset.ClearVectors(VectorTier.Transformer);
        reset.SetMeta(MetaKeys.EmbeddingModel, modelId);
        reset.Commit();
    }

    /// <summary>
    /// Gives every chunk without a static vector one from <paramref name="embedder"/>: none after a run that parsed
    /// with it, every chunk when the table changed (seconds: no model runs).
    /// </summary>
    private void CompleteStaticTier(StaticEmbedder embedder, CancellationToken cancellationToken)
    {
        // A new index's chunks were embedded by this table as they were parsed: only another table's vectors go.
        var recorded = database.Meta.Get(MetaKeys.StaticModel);
        if (recorded != embedder.Model.Id)
        {
            using var reset = database.BeginBatch();
            if (recorded is not null)
            {
                reset.ClearVectors(VectorTier.Static);
            }

            reset.SetMeta(MetaKeys.StaticModel, embedder.Model.Id);
            reset.Commit();
        }

        for (var page = database.Chunks.Pending(VectorTier.Static, -1, EmbeddingSlices.PageSize); page.Count > 0; page = database.Chunks.Pending(VectorTier.Static, page[^1].Id, EmbeddingSlices.PageSize))
        {
            var vectors = embedder.Embed([.. page.Select(c => c.Text)], EmbeddingPurpose.Document, cancellationToken);
            using var batch = database.BeginBatch();
            batch.SetVectors(VectorTier.Static, [.. page.Select(c => c.Id)], vectors);
            batch.Commit();
        }
    }

    public long CountPendingChunks() => database.Chunks.CountPending(VectorTier.Transformer);

    public List<(long Id, string Text)> PendingChunks(long afterId, int limit) => database.Chunks.Pending(VectorTier.Transformer, afterId, limit);

    public void StoreEmbeddings(IReadOnlyList<long> chunkIds, IReadOnlyList<float[]> vectors)
    {
        using var batch = database.BeginBatch();
        batch.SetVectors(VectorTier.Transformer, chunkIds, vectors);
        batch.Commit();

        // A long transformer pass snapshots as it goes, so a restart replays a bounded delta.
        embeddingsSinceSnapshot += chunkIds.Count;
        if (embeddingsSinceSnapshot >= liveVectors.Options.SnapshotAfterChanges && vectors.Count > 0)
        {
            RefreshVectors(VectorTier.Transformer, vectors[0].Length);
        }
    }

    /// <summary>
    /// Brings a tier's FAISS index up to date with the database (in place, by id) and writes its snapshot when enough
    /// changed since the last one (or <paramref name="force"/>).
    /// </summary>
    public void RefreshVectors(VectorTier tier, int dimension, bool force = false)
    {
        liveVectors.Snapshot(project, database, tier, dimension, force);
        if (tier == VectorTier.Transformer)
        {
            embeddingsSinceSnapshot = 0;
        }
    }

    public IndexCounts Counts() =>
        new(database.Files.Count(), database.Symbols.Count(), database.Chunks.Count(), database.Chunks.CountEmbedded())
        {
            StaticChunks = database.Chunks.CountStatic(),
        };

    /// <inheritdoc cref="IndexDatabase.ReleaseMemory"/>
    public void ReleaseMemory() => database.ReleaseMemory();

    public void Dispose()
    {
        database.Dispose();
        if (sharedVectors is null)
        {
            liveVectors.Dispose();
        }
    }
}

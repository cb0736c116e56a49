using System.Diagnostics;
using Ragex.Core.Chunking;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Tests.VectorIndex;

/// <summary>
/// The live FAISS index of a tier against the source of truth: after random adds, edits, deletes and re-embeddings it
/// equals an index rebuilt from index.db, and a kill between a snapshot and the changes after it loses nothing.
/// Real SQLite, real FAISS through the shim.
/// </summary>
public sealed class LiveVectorIndexTests : IDisposable
{
    private const int Dimension = 16;
    private static readonly VectorTier Tier = VectorTier.Static;

    private static readonly VectorIndexOptions Exact = new() { ApproximateFrom = long.MaxValue };

    // Tiny IVF lists, and every list probed, so that an approximate index must still hold exactly the same ids.
    private static readonly VectorIndexOptions Approximate = new()
    {
        ApproximateFrom = 60, VectorsPerList = 16, MinLists = 4, MaxLists = 16, TrainingPerList = 8, MinTrainingPerList = 2, ListsPerProbe = 1, MinProbes = 16,
        SnapshotAfterChanges = 1,
    };

    private readonly TemporaryDirectory directory = new();
    private readonly Project project;
    private readonly IndexDatabase database;
    private readonly Random random = new(16);
    private readonly Dictionary<string, List<long>> files = new(StringComparer.Ordinal);
    private int nextFile;

    public LiveVectorIndexTests()
    {
        project = new Project("p", directory.Path, directory.Path);
        database = IndexDatabase.Open(project.DatabasePath);
    }

    public void Dispose()
    {
        database.Dispose();
        directory.Dispose();
    }

    public static TheoryData<string> Kinds => ["exact", "approximate"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void After_100_random_operations_the_live_index_equals_one_rebuilt_from_the_database(string kind)
    {
        var options = kind == "exact" ? Exact : Approximate;
        using var live = LiveVectorIndex.Open(project, database, Tier, Dimension, options);
        for (var operation = 0; operation < 100; operation++)
        {
            RandomOperation();
            if (random.Next(2) == 0)
            {
                live.CatchUp(database);
            }

            if (operation % 20 == 19)
            {
                Assert.True(live.Snapshot(database, force: true));
            }
        }

        live.CatchUp(database);
        Assert.Equal(database.VectorLog.Sequence(), live.Sequence);
        using var rebuilt = ProjectVectors.Build(database, Tier, Dimension, options);
        Assert.Equal(database.Chunks.CountStatic(), rebuilt.Count);
        if (kind == "approximate")
        {
            Assert.Equal(FaissIndexKind.IvfSq, live.Kind);
        }

        AssertSameIndex(rebuilt, live, exactScores: kind == "exact");

        // The last snapshot plus the log since: the same index again.
        using var reopened = LiveVectorIndex.Open(project, database, Tier, Dimension, options);
        Assert.True(reopened.LoadedFromSnapshot);
        AssertSameIndex(rebuilt, reopened, exactScores: kind == "exact");
    }

    [Fact]
    public void A_kill_after_a_snapshot_loses_none_of_the_changes_committed_after_it()
    {
        using (var live = LiveVectorIndex.Open(project, database, Tier, Dimension, Exact))
        {
            for (var i = 0; i < 30; i++)
            {
                RandomOperation();
            }

            Assert.True(live.Snapshot(database, force: true));
            for (var i = 0; i < 30; i++)
            {
                RandomOperation();
                live.CatchUp(database);
            }

            // "Killed": the process goes away with no snapshot of these changes, only SQLite has them.
        }

        var snapshotOnly = FaissIndex.Load(ProjectVectors.IndexPath(project, Tier));
        using (snapshotOnly)
        {
            using var rebuiltNow = ProjectVectors.Build(database, Tier, Dimension, Exact);
            Assert.NotEqual(AllIds(rebuiltNow), AllIds(snapshotOnly));
        }

        using var reopened = LiveVectorIndex.Open(project, database, Tier, Dimension, Exact);
        Assert.True(reopened.LoadedFromSnapshot);
        using var rebuilt = ProjectVectors.Build(database, Tier, Dimension, Exact);
        AssertSameIndex(rebuilt, reopened, exactScores: true);
    }

    [Fact]
    public void A_kill_between_the_snapshot_file_and_its_tag_replays_onto_the_newer_index_safely()
    {
        SnapshotTag oldTag;
        using (var live = LiveVectorIndex.Open(project, database, Tier, Dimension, Exact))
        {
            for (var i = 0; i < 30; i++)
            {
                RandomOperation();
            }

            live.Snapshot(database, force: true);
            oldTag = ProjectVectors.ReadTag(project, Tier)!;
        }

        for (var i = 0; i < 30; i++)
        {
            RandomOperation();
        }

        // Fault injection: a later snapshot's index file reached the disk, the kill came before its tag (written
        // second) and before the log was pruned.
        using (var newer = ProjectVectors.Build(database, Tier, Dimension, Exact))
        {
            newer.Save(ProjectVectors.IndexPath(project, Tier));
        }

        for (var i = 0; i < 10; i++)
        {
            RandomOperation();
        }

        Assert.Equal(oldTag, ProjectVectors.ReadTag(project, Tier));
        using var reopened = LiveVectorIndex.Open(project, database, Tier, Dimension, Exact);
        Assert.True(reopened.LoadedFromSnapshot);
        using var rebuilt = ProjectVectors.Build(database, Tier, Dimension, Exact);
        AssertSameIndex(rebuilt, reopened, exactScores: true);
    }

    [Fact]
    public void A_snapshot_from_another_database_is_not_replayed()
    {
        using (var live = LiveVectorIndex.Open(project, database, Tier, Dimension, Exact))
        {
            for (var i = 0; i < 20; i++)
            {
                RandomOperation();
            }

            live.Snapshot(database, force: true);
        }

        using var other = new TemporaryDirectory();
        var otherProject = new Project("q", other.Path, other.Path);
        using var otherDatabase = IndexDatabase.Open(otherProject.DatabasePath);
        File.Copy(ProjectVectors.IndexPath(project, Tier), ProjectVectors.IndexPath(otherProject, Tier));
        File.Copy(ProjectVectors.IndexPath(project, Tier) + ".seq", ProjectVectors.IndexPath(otherProject, Tier) + ".seq");

        using var opened = LiveVectorIndex.Open(otherProject, otherDatabase, Tier, Dimension, Exact);
        Assert.False(opened.LoadedFromSnapshot);
        Assert.Equal(0, opened.Count);
    }

    [Fact]
    public void An_approximate_tier_is_searched_with_exact_scores_from_the_stored_vectors()
    {
        while (database.Chunks.CountStatic() < 300)
        {
            AddFile();
        }

        // A re-rank pool as large as the index: the answer must then be exactly the brute-force top 10.
        using var cache = new VectorIndexCache(Approximate with { RerankFactor = 1000, MaxRerankCandidates = 10_000 });
        var stored = database.Vectors.All(Tier).ToList();
        for (var q = 0; q < 5; q++)
        {
            var query = RandomUnit();
            var expected = stored
                .Select(e => (e.Id, Score: System.Numerics.Tensors.TensorPrimitives.Dot(query, e.Vector)))
                .OrderByDescending(e => e.Score).ThenBy(e => e.Id).Take(10).ToList();

            var found = cache.Search(project, database, Tier, query, 10);

            Assert.Equal(expected.Select(e => e.Id), found.Select(m => m.Id));
            Assert.All(expected.Zip(found), pair => Assert.Equal(pair.First.Score, pair.Second.Score, tolerance: 1e-6f));
        }
    }

    [Fact]
    public void An_index_let_go_while_unused_is_opened_again_by_the_next_search_with_the_changes_since()
    {
        while (database.Chunks.CountStatic() < 300)
        {
            AddFile();
        }

        using var cache = new VectorIndexCache(Exact) { ReleaseUnusedAfter = TimeSpan.Zero };
        var query = RandomUnit();
        Assert.Equal(0, cache.ReleaseUnused());
        Assert.Equal(10, cache.Search(project, database, Tier, query, 10).Count);

        Assert.Equal(1, cache.ReleaseUnused());
        Assert.Equal(0, cache.ReleaseUnused());
        for (var i = 0; i < 20; i++)
        {
            RandomOperation();
        }

        using var fresh = new VectorIndexCache(Exact);
        Assert.Equal(fresh.Search(project, database, Tier, query, 10), cache.Search(project, database, Tier, query, 10));
        Assert.Equal(1, cache.ReleaseUnused());
        Assert.True(cache.Snapshot(project, database, Tier, Dimension, force: true));
    }

    [Fact]
    public async Task Searches_between_which_the_index_is_let_go_all_answer_the_same()
    {
        while (database.Chunks.CountStatic() < 300)
        {
            AddFile();
        }

        using var cache = new VectorIndexCache(Exact) { ReleaseUnusedAfter = TimeSpan.Zero };
        var query = RandomUnit();
        var expected = cache.Search(project, database, Tier, query, 10);
        using var stop = new CancellationTokenSource();
        var released = 0;
        var releases = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Add(ref released, cache.ReleaseUnused());
            }
        });

        // On a connection of its own, as the daemon's searches are; the writer's database stays on this thread. Between
        // two searches no search is running, and the releases may take the index. The searches go on until the index
        // has been let go a few times (the releasing thread may start after 500 quick searches are done).
        await Task.Run(() =>
        {
            using var reader = IndexDatabase.Open(project.DatabasePath, readOnly: true);
            var started = Stopwatch.StartNew();
            for (var i = 0; i < 500 || (Volatile.Read(ref released) < 5 && started.Elapsed < TimeSpan.FromSeconds(30)); i++)
            {
                Assert.Equal(expected, cache.Search(project, reader, Tier, query, 10));
                Thread.Yield();
            }
        });
        await stop.CancelAsync();
        await releases;

        Assert.True(released >= 5, $"the index was let go {released} time(s) between the searches");
    }

    [Fact]
    public void Every_vector_write_is_logged_under_a_new_sequence()
    {
        var before = database.VectorLog.Sequence();
        AddFile();
        var afterAdd = database.VectorLog.Sequence();
        Assert.True(afterAdd > before);
        var path = files.Keys.Single();
        Assert.Equal(files[path].Order(), database.VectorLog.Changed(Tier, before, afterAdd).Order());
        Assert.Empty(database.VectorLog.Changed(VectorTier.Transformer, before, afterAdd));

        Write(b => b.DeleteFiles([path]));
        Assert.Equal(files[path].Order(), database.VectorLog.Changed(Tier, afterAdd, database.VectorLog.Sequence()).Order());
    }

    private void RandomOperation()
    {
        var roll = random.Next(100);
        if (files.Count == 0 || roll < 35)
        {
            AddFile();
        }
        else if (roll < 60)
        {
            EditFile(withVectors: true);
        }
        else if (roll < 72)
        {
            EditFile(withVectors: false);
        }
        else if (roll < 85)
        {
            var path = files.Keys.ElementAt(random.Next(files.Count));
            Write(b => b.DeleteFiles([path]));
            files.Remove(path);
        }
        else if (roll < 98)
        {
            EmbedPending();
        }
        else
        {
            Write(b => b.ClearVectors(Tier));
        }
    }

    private void AddFile()
    {
        Replace($"f{nextFile++}.c", random.Next(1, 6), withVectors: true);
    }

    /// <summary>The file's chunks replaced by new ones (new ids, text and vectors), some fewer, some more.</summary>
    private void EditFile(bool withVectors)
    {
        var path = files.Keys.ElementAt(random.Next(files.Count));
        Replace(path, Math.Max(0, files[path].Count + random.Next(-2, 3)), withVectors);
    }

    private void EmbedPending()
    {
        var pending = database.Chunks.Pending(Tier);
        if (pending.Count > 0)
        {
            Write(b => b.SetVectors(Tier, [.. pending.Select(p => p.Id)], [.. pending.Select(_ => RandomUnit())]));
        }
    }

    private void Replace(string path, int count, bool withVectors)
    {
        var chunks = Enumerable.Range(0, count).Select(i => new Chunk(i + 1, i + 1, null, Chunk.WindowKind, $"text {random.Next()}", $"h{random.Next()}")).ToList();
        Write(b => b.ReplaceFile(new FileRecord(path, 1, 1, "sha"), [], chunks, withVectors ? [.. chunks.Select(_ => RandomUnit())] : null));
        files[path] = ChunkIdsOf(path);
    }

    private List<long> ChunkIdsOf(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={project.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT c.id FROM chunks c JOIN files f ON f.id = c.file_id WHERE f.path = $path";
        command.Parameters.AddWithValue("$path", path);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private void Write(Action<IndexBatch> step)
    {
        using var batch = database.BeginBatch();
        step(batch);
        batch.Commit();
    }

    private float[] RandomUnit()
    {
        var vector = new float[Dimension];
        var norm = 0.0;
        for (var i = 0; i < Dimension; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            norm += vector[i] * vector[i];
        }

        for (var i = 0; i < Dimension; i++)
        {
            vector[i] /= (float)Math.Sqrt(norm);
        }

        return vector;
    }

    /// <summary>Same ids; for an exact index also the same ranking and scores for several queries (k = every vector).</summary>
    private void AssertSameIndex(FaissIndex expected, LiveVectorIndex actual, bool exactScores)
    {
        Assert.Equal(expected.Count, actual.Count);
        if (expected.Count == 0)
        {
            return;
        }

        for (var q = 0; q < 5; q++)
        {
            var query = RandomUnit();
            var want = expected.Search(query, (int)expected.Count);
            var got = actual.Search(query, (int)expected.Count);
            Assert.Equal(want.Select(m => m.Id).Order(), got.Select(m => m.Id).Order());
            if (exactScores)
            {
                Assert.Equal(want.Select(m => m.Id), got.Select(m => m.Id));
                Assert.All(want.Zip(got), pair => Assert.Equal(pair.First.Score, pair.Second.Score, tolerance: 1e-5f));
            }
        }
    }

    private long[] AllIds(FaissIndex index) =>
        index.Count == 0 ? [] : [.. index.Search(RandomUnit(), (int)index.Count).Select(m => m.Id).Order()];
}

using Akka.Actor;
using Microsoft.Data.Sqlite;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;
using Xunit.Abstractions;

namespace Ragex.Host.Tests;

/// <summary>
/// kill -9 of the real daemon in the middle of either tier of a real tree (parsing with static vectors, or the
/// transformer filling in behind): the index on disk is consistent, and a new daemon resumes where the dead one stopped.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashSafetyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);
    private ActorSystem client = null!;

    public Task InitializeAsync()
    {
        foreach (var package in new[] { "email", "json", "http" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine("/usr/lib/python3.11", package), "*.py", SearchOption.AllDirectories))
            {
                var target = Path.Combine(tree, package, Path.GetRelativePath(Path.Combine("/usr/lib/python3.11", package), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        client = DaemonConnection.CreateClientSystem();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Killed_mid_indexing_the_index_is_consistent_and_indexing_resumes()
    {
        var project = new ProjectRegistry(new Ragex.Core.Configuration.RagexHome(home)).Describe(tree);
        var first = await DaemonProcess.StartAsync(home);
        client.ActorSelection(first.Endpoint.RequestsPath).Tell(new IndexProject(tree, Embeddings: true));

        var atKill = await UntilAsync(() => Counts(project), c => c.Embedded >= 128);
        first.Kill();
        first.Dispose();
        var afterKill = Counts(project);
        output.WriteLine($"killed with {afterKill.Embedded} of {afterKill.Chunks} chunks embedded, {afterKill.Files} files committed");
        Assert.True(afterKill.Embedded < afterKill.Chunks, "the kill came too late to be in the middle of indexing");
        AssertConsistent(project);

        using var second = await DaemonProcess.StartAsync(home);
        var resumed = await UntilAsync(() => Counts(project), c => c.Embedded > afterKill.Embedded);
        output.WriteLine($"resumed: {resumed.Embedded} embedded (was {atKill.Embedded})");
        AssertConsistent(project);

        var reply = await client.ActorSelection(second.Endpoint.RequestsPath).Ask<object>(
            new SearchQuery(new SearchRequest("parse an email message from a string", SearchMode.Hybrid) { Paths = [tree] }, tree), TimeSpan.FromSeconds(30));
        var answered = Assert.IsType<SearchReply>(reply);
        Assert.NotEmpty(answered.Hits);
        Assert.Contains(answered.Notes, n => n.StartsWith("transformer tier ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killed_while_parsing_every_committed_chunk_has_its_static_vector_and_the_next_daemon_completes_the_tree()
    {
        var project = new ProjectRegistry(new Ragex.Core.Configuration.RagexHome(home)).Describe(tree);
        var total = Directory.EnumerateFiles(tree, "*.py", SearchOption.AllDirectories).Count();
        var first = await DaemonProcess.StartAsync(home);
        client.ActorSelection(first.Endpoint.RequestsPath).Tell(new IndexProject(tree, Embeddings: true));

        await UntilAsync(() => Counts(project), c => c.Files > 0);
        first.Kill();
        first.Dispose();
        var afterKill = Counts(project);
        output.WriteLine($"killed with {afterKill.Files} of {total} files committed");
        AssertConsistent(project);

        using var second = await DaemonProcess.StartAsync(home);
        var indexed = await client.ActorSelection(second.Endpoint.RequestsPath).Ask<object>(new IndexProject(tree, Embeddings: true), TimeSpan.FromMinutes(3));
        Assert.Equal(total, Assert.IsType<ProjectIndexed>(indexed).Files);
        AssertConsistent(project);
        using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
        Assert.Equal(database.Chunks.Count(), database.Chunks.CountStatic());
    }

    public async Task DisposeAsync()
    {
        await client.Terminate();
        SqliteConnection.ClearAllPools();
        Directory.Delete(tree, recursive: true);
        Directory.Delete(home, recursive: true);
    }

    private static (long Files, long Chunks, long Embedded) Counts(Project project)
    {
        try
        {
            using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
            return (database.Files.Count(), database.Chunks.Count(), database.Chunks.CountEmbedded());
        }
        catch (Ragex.Core.RagexException)
        {
            return (0, 0, 0); // not created yet, or being created
        }
    }

    /// <summary>
    /// SQLite intact with no dangling rows; every committed file has its chunks (a file is committed whole or not at
    /// all, so the rest are queued for the next run); a vector snapshot left behind, with the changes committed after it
    /// replayed, holds exactly the embedded chunks.
    /// </summary>
    private static void AssertConsistent(Project project)
    {
        using (var connection = new SqliteConnection($"Data Source={project.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM chunks WHERE file_id NOT IN (SELECT id FROM files)"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM symbols WHERE file_id NOT IN (SELECT id FROM files)"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM files f WHERE EXISTS (SELECT 1 FROM symbols s WHERE s.file_id = f.id) AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.file_id = f.id)"));
            Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM chunks WHERE static_embedding IS NULL"));
        }

        using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
        foreach (var (tier, count) in new[] { (VectorTier.Transformer, database.Chunks.CountEmbedded()), (VectorTier.Static, database.Chunks.CountStatic()) })
        {
            if (ProjectVectors.ReadTag(project, tier) is not null)
            {
                using var index = LiveVectorIndex.Open(project, database, tier, ProbeDimension(database, tier), new VectorIndexOptions());
                Assert.True(index.LoadedFromSnapshot, $"{tier.Name}: the snapshot left by the kill is unusable");
                Assert.Equal(count, index.Count);
            }
        }
    }

    private static int ProbeDimension(IndexDatabase database, VectorTier tier) =>
        database.Vectors.All(tier).Select(e => e.Vector.Length).FirstOrDefault(384);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The counts once done, read again after each write to the daemon's home (the index is in it).</summary>
    private Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> done) =>
        DirectoryChanges.UntilAsync(home, probe, done, TimeSpan.FromMinutes(3), value => $"last: {value}");
}

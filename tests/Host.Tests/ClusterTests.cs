using Akka.Actor;
using Microsoft.Data.Sqlite;
using Ragex.Protocol.Daemon;
using Xunit.Abstractions;

namespace Ragex.Host.Tests;

/// <summary>
/// Three real ragexd processes on loopback (one indexer, two embedders: real remoting, cluster, model and FAISS) index
/// the json, email and http packages; the index equals the single-machine daemon's (<see cref="ClusterReferenceFixture"/>).
/// Requests go to an embedder node, which relays them to the owner.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(ClusterTests))]
public sealed class ClusterTests(ClusterReferenceFixture reference, ITestOutputHelper output) : IClassFixture<ClusterReferenceFixture>
{
    [Fact]
    public async Task Three_nodes_build_the_same_index_as_one_daemon()
    {
        using var cluster = new ClusterNodes(reference.Client);
        await cluster.StartIndexerAsync();
        var first = await cluster.StartEmbedderAsync();
        var second = await cluster.StartEmbedderAsync();
        await cluster.UntilEmbeddersAsync(first, second);

        var indexed = await cluster.Requests(first).Ask<object>(new IndexProject(reference.Tree.Root, Embeddings: true, WaitForAllTiers: true), ClusterReferenceFixture.IndexTimeout);

        var summary = Assert.IsType<ProjectIndexed>(indexed);
        output.WriteLine($"one daemon: {reference.Summary.Chunks} chunks, {reference.Summary.EmbeddedChunks} embedded in {reference.Summary.Seconds:0.0} s");
        output.WriteLine($"cluster: {summary.Chunks} chunks, {summary.EmbeddedChunks} embedded in {summary.Seconds:0.0} s");
        var status = await cluster.StatusAsync(second);
        Assert.All(status.EmbedderNodes!, node => Assert.True(node.ChunksEmbedded > 0, $"{node.Address} embedded nothing"));
        Assert.Equal(reference.Index.Vectors.Count, status.EmbedderNodes!.Sum(n => n.ChunksEmbedded));
        AssertSameIndex(IndexSnapshot.Read(cluster.IndexerHome, reference.Tree.Root));
        Assert.Equal(reference.TopTen, await ClusterReferenceFixture.TopTenAsync(cluster.Requests(second), reference.Tree.Root));
        output.WriteLine($"same hybrid top-10 for all {reference.TopTen.Count} dev queries");
        Assert.Contains(status.Node!.IndexUpdates, u => u.Root == reference.Tree.Root && u.EmbeddedChunks == reference.Index.Vectors.Count);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task An_embedder_killed_mid_indexing_loses_nothing_and_a_rejoining_one_gets_work()
    {
        using var tree = ClusterReferenceFixture.NewTree();
        using var cluster = new ClusterNodes(reference.Client);
        await cluster.StartIndexerAsync();
        var first = await cluster.StartEmbedderAsync();
        var second = await cluster.StartEmbedderAsync();
        await cluster.UntilEmbeddersAsync(first, second);

        var indexing = cluster.Requests(first).Ask<object>(new IndexProject(tree.Root, Embeddings: true, WaitForAllTiers: true), ClusterReferenceFixture.IndexTimeout);
        var atKill = await cluster.UntilAsync(() => cluster.StatusAsync(first), status =>
            status.Projects.Any(p => p.EmbeddedChunks >= reference.Index.Vectors.Count / 4)
            && status.EmbedderNodes!.Single(n => n.Address == ClusterNodes.AddressOf(second)).InFlight > 0);
        second.Kill();
        output.WriteLine($"killed {ClusterNodes.AddressOf(second)} with {atKill.Projects[0].EmbeddedChunks} of {atKill.Projects[0].Chunks} embedded");

        var summary = Assert.IsType<ProjectIndexed>(await indexing);
        var afterKill = await cluster.StatusAsync(first);
        output.WriteLine($"done: {summary.EmbeddedChunks} embedded, {afterKill.EmbeddingRetries} batches retried, {afterKill.DuplicateEmbeddingsDropped} duplicates dropped");
        Assert.True(afterKill.EmbeddingRetries > 0, "the killed node's batches were not sent again");
        AssertSameIndex(IndexSnapshot.Read(cluster.IndexerHome, tree.Root));

        var rejoined = await cluster.StartEmbedderAsync();
        await cluster.UntilEmbeddersAsync(first, rejoined);
        tree.Add(ClusterReferenceFixture.PackageOutsideCorpus);
        var more = Assert.IsType<ProjectIndexed>(await cluster.Requests(rejoined).Ask<object>(new IndexProject(tree.Root, Embeddings: true, WaitForAllTiers: true), ClusterReferenceFixture.IndexTimeout));
        var final = await cluster.StatusAsync(first);
        Assert.Equal(more.Chunks, more.EmbeddedChunks);
        Assert.True(final.EmbedderNodes!.Single(n => n.Address == ClusterNodes.AddressOf(rejoined)).ChunksEmbedded > 0, "the rejoined node got no work");
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Same chunk ids, every chunk embedded once, vectors as the single daemon computed them.</summary>
    private void AssertSameIndex(IndexSnapshot built)
    {
        Assert.Equal(reference.Index.Vectors.Keys.Order(), built.Vectors.Keys.Order());
        Assert.All(built.Vectors, pair => Assert.NotNull(pair.Value));
        var difference = built.MaxDifference(reference.Index);
        output.WriteLine($"{built.Vectors.Count} chunks; largest vector component difference to the single daemon: {difference:E2}");
        Assert.True(difference < 1e-4, $"vectors differ by up to {difference}");
    }
}

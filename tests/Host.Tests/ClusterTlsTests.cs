using Akka.Actor;
using Ragex.Remoting;

namespace Ragex.Host.Tests;

/// <summary>
/// ragex.cluster.tls on real nodes: mutual TLS with the cluster's certificate as the shared secret. A node with the
/// same certificate joins; one with another certificate is refused during the handshake and never becomes a member.
/// </summary>
[Trait("Category", "Slow")]
[Collection(nameof(ClusterTests))]
public sealed class ClusterTlsTests : IAsyncLifetime
{
    private const string Password = "cluster-secret";
    private readonly string certificates = Directory.CreateTempSubdirectory("ragex-certs-").FullName;
    private ActorSystem client = null!;

    private string ClusterCertificate => Path.Combine(certificates, "cluster.pfx");

    private string OtherCertificate => Path.Combine(certificates, "other.pfx");

    public Task InitializeAsync()
    {
        SelfSignedCertificate.Write(ClusterCertificate, "CN=ragex-cluster", Password);
        SelfSignedCertificate.Write(OtherCertificate, "CN=ragex-intruder", Password);
        client = DaemonConnection.CreateClientSystem(new TlsSettings(true, ClusterCertificate, Password, []));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_node_with_the_cluster_certificate_joins_and_one_without_it_is_refused()
    {
        using var cluster = new ClusterNodes(client);
        await cluster.StartIndexerAsync(Tls(ClusterCertificate));
        var member = await cluster.StartEmbedderAsync(Tls(ClusterCertificate));
        await cluster.UntilEmbeddersAsync(member);

        var intruder = await cluster.StartEmbedderAsync(Tls(OtherCertificate));

        // Akka.Remote shuts down a node whose TLS handshake fails; ragexd says why and exits 2.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await intruder.Process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, intruder.Process.ExitCode);
        Assert.Contains("refused by the cluster: TLS handshake failed", await intruder.Process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        var status = await cluster.StatusAsync(cluster.Indexer);
        Assert.Equal([ClusterNodes.AddressOf(member)], status.EmbedderNodes!.Select(n => n.Address));
    }

    public async Task DisposeAsync()
    {
        await client.Terminate();
        Directory.Delete(certificates, recursive: true);
    }

    private static string Tls(string certificate) => SelfSignedCertificate.Hocon(certificate, Password);
}

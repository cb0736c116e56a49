using System.Diagnostics;
using System.Text.Json;
using Ragex.Core.Projects;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Tests;

/// <summary>
/// The shipped binaries with ragex.cluster.tls on: an indexer and an embedder node (`ragex daemon --cluster`) share a
/// certificate, and the CLI and `ragex mcp` (the official MCP client's checks) on the embedder node's machine (its
/// RAGEX_HOME, whose registry holds no projects: the owner's does) index, search and ask for status through that node,
/// which relays to the owner. A home without the certificate gets one line and exit 2.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ClusterTlsCliTests : IDisposable
{
    private const string Password = "cluster-secret";
    private readonly string work = Directory.CreateTempSubdirectory("ragex-tls-cli-").FullName;
    private readonly List<Process> nodes = [];

    [Fact]
    public async Task The_cli_and_the_mcp_server_index_and_search_through_a_node_that_speaks_tls()
    {
        var certificate = Path.Combine(work, "cluster.pfx");
        SelfSignedCertificate.Write(certificate, "CN=ragex-cluster", Password);
        var port = LoopbackPort.Free();
        var indexer = await StartNodeAsync("indexer", certificate, "--port", $"{port}", "--seed", $"127.0.0.1:{port}", "--role", "indexer");
        var embedder = await StartNodeAsync("embedder", certificate, "--seed", $"127.0.0.1:{port}", "--role", "embedder");
        Assert.True(DaemonEndpoint.TryRead(Path.Combine(embedder, DaemonEndpoint.FileName))!.UsesTls);
        await UntilEmbedderJoinedAsync(indexer, embedder);
        // First, while the owner has no other project: the MCP client's checks expect exactly its own.
        var (mcpExitCode, mcpOutput) = await McpClientDriver.RunAsync(embedder);
        Assert.True(mcpExitCode == 0, $"the MCP client exited {mcpExitCode}:{Environment.NewLine}{mcpOutput}");
        var tree = CopyOfJsonPackage();

        var indexed = Run(embedder, "index", tree, "--json", "--wait-all");
        Assert.True(indexed.ExitCode == 0, indexed.Error);
        var summary = JsonDocument.Parse(indexed.Out).RootElement;
        Assert.Equal(summary.GetProperty("chunks").GetInt32(), summary.GetProperty("embedded_chunks").GetInt32());
        var symbol = Run(embedder, "search", "JSONDecoder", tree, "--mode", "symbol");
        Assert.True(symbol.ExitCode == 0, symbol.Error);
        Assert.Contains("decoder.py", symbol.Out, StringComparison.Ordinal);
        var semantic = Run(embedder, "search", "turn a JSON document into Python objects", tree, "--mode", "semantic", "--json");
        Assert.True(semantic.ExitCode == 0, semantic.Error);

        var status = Run(embedder, "status");
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("embedder node akka.ssl.tcp://", status.Out, StringComparison.Ordinal);

        var withoutCertificate = Directory.CreateDirectory(Path.Combine(work, "no-certificate")).FullName;
        File.Copy(Path.Combine(embedder, DaemonEndpoint.FileName), Path.Combine(withoutCertificate, DaemonEndpoint.FileName));
        var refused = Run(withoutCertificate, "status");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("speaks TLS", refused.Error, StringComparison.Ordinal);
        Assert.Single(refused.Error.Trim().Split('\n'));
    }

    public void Dispose()
    {
        foreach (var node in nodes)
        {
            node.Kill(entireProcessTree: true);
            node.WaitForExit();
            node.Dispose();
        }

        Directory.Delete(work, recursive: true);
    }

    /// <summary>`ragex daemon --cluster ...` in the foreground on a home of its own whose ragex.hocon turns TLS on.</summary>
    private async Task<string> StartNodeAsync(string name, string certificate, params string[] flags)
    {
        var home = Directory.CreateDirectory(Path.Combine(work, name)).FullName;
        File.WriteAllText(Path.Combine(home, "ragex.hocon"), SelfSignedCertificate.Hocon(certificate, Password));
        var node = Process.Start(PublishedRagex.StartInfo(home, ["daemon", "--cluster", .. flags]))!;
        nodes.Add(node);
        await DirectoryChanges.UntilAsync(
            home, () => DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName)), endpoint => endpoint is not null && endpoint.IsAlive(), TimeSpan.FromMinutes(1),
            _ => node.HasExited ? $"{name} node exited with {node.ExitCode}: {node.StandardError.ReadToEnd()}" : $"{name} node wrote no daemon.json",
            node.WaitForExitAsync());
        return home;
    }

    /// <summary>
    /// `ragex status --json` through the embedder node until the owner lists one reachable embedder node, asked again
    /// after each write to the indexer's home (its log says when a node joins).
    /// </summary>
    private static Task UntilEmbedderJoinedAsync(string indexer, string embedder) =>
        DirectoryChanges.UntilAsync(
            indexer, () => Run(embedder, "status", "--json"),
            status => status.ExitCode == 0 && JsonDocument.Parse(status.Out).RootElement.TryGetProperty("embedder_nodes", out var embedders)
                && embedders.ValueKind == JsonValueKind.Array && embedders.EnumerateArray().Any(n => n.GetProperty("reachable").GetBoolean()),
            TimeSpan.FromMinutes(3), status => $"no embedder node joined; last status: {status.ExitCode} {status.Out} {status.Error}");

    private string CopyOfJsonPackage()
    {
        var tree = RealPath.Resolve(Directory.CreateDirectory(Path.Combine(work, "tree")).FullName);
        foreach (var file in Directory.EnumerateFiles("/usr/lib/python3.11/json", "*.py"))
        {
            File.Copy(file, Path.Combine(tree, Path.GetFileName(file)));
        }

        return tree;
    }

    private static CliRun Run(string home, params string[] args) => PublishedRagex.Run(PublishedRagex.StartInfo(home, args));
}

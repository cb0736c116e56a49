using System.Diagnostics;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Tests;

/// <summary>
/// `ragex mcp` driven by the official MCP TypeScript SDK client (tests/mcp-client): tool listing, index_project,
/// search_code and find_symbol (compact and JSON answers, pages through cursors, refused cursors), read_code,
/// find_references, list_projects, index_status, and the refusal of paths outside indexed projects, through the daemon
/// and with --no-daemon.
/// </summary>
[Trait("Category", "Slow")]
public sealed class McpServerTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_official_MCP_client_indexes_searches_and_is_refused_outside_indexed_projects(bool noDaemon)
    {
        var (exitCode, output) = await McpClientDriver.RunAsync(home, noDaemon ? ["--no-daemon"] : []);

        Assert.True(exitCode == 0, $"the MCP client exited {exitCode}:{Environment.NewLine}{output}");
        Assert.Contains("ok: 7 tools", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName)) is { } endpoint && endpoint.IsAlive())
        {
            Process.GetProcessById(endpoint.ProcessId).Kill();
        }

        Directory.Delete(home, recursive: true);
    }
}

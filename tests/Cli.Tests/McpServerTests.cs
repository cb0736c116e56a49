using System.ComponentModel;
using System.Diagnostics;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Tests;

/// <summary>
/// `ragex mcp` driven by the official MCP TypeScript SDK client (tests/mcp-client): tool listing, index_project,
/// search_code, find_symbol, list_projects, index_status, and the refusal of paths outside indexed projects, through
/// the daemon and with --no-daemon.
/// </summary>
public sealed class McpServerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_official_MCP_client_indexes_searches_and_is_refused_outside_indexed_projects(bool noDaemon)
    {
        var client = Path.Combine(RepositoryRoot(), "tests", "mcp-client");
        if (!Directory.Exists(Path.Combine(client, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            Assert.Fail($"{client}/node_modules is missing: run scripts/test (or `npm ci` in tests/mcp-client) first");
        }

        var (exitCode, output) = await RunNodeAsync(client, noDaemon ? ["--no-daemon"] : []);

        Assert.True(exitCode == 0, $"the MCP client exited {exitCode}:{Environment.NewLine}{output}");
        Assert.Contains("ok: 5 tools", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName)) is { } endpoint && endpoint.IsAlive())
        {
            Process.GetProcessById(endpoint.ProcessId).Kill();
        }

        Directory.Delete(home, recursive: true);
    }

    private async Task<(int ExitCode, string Output)> RunNodeAsync(string client, IReadOnlyList<string> args)
    {
        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = client };
        startInfo.ArgumentList.Add(Path.Combine(client, "drive-ragex-mcp.mjs"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["RAGEX_HOME"] = home;
        startInfo.Environment["RAGEX_MODELS_DIR"] = InstalledModels.Directory;
        startInfo.Environment[PublishedRagex.Variable] = PublishedRagex.Path;
        startInfo.Environment.Remove(CliContext.NoDaemonVariable);
        using var process = Start(startInfo);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the MCP client did not finish within {Timeout.TotalMinutes} minutes");
        }

        return (process.ExitCode, await output + await error);
    }

    private static Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node (20 or later) is needed on PATH to run the MCP client test", e);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ragex.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Ragex.sln above {AppContext.BaseDirectory}");
    }
}

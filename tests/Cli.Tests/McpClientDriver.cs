using System.ComponentModel;
using System.Diagnostics;

namespace Ragex.Cli.Tests;

/// <summary>
/// tests/mcp-client: the official MCP TypeScript SDK client driving the published `ragex mcp` against a data home, as an
/// assistant would (drive-ragex-mcp.mjs, which checks its own answers), or calling the tools a test lists and printing
/// the answers for the test to judge (call-ragex-mcp.mjs).
/// </summary>
public static class McpClientDriver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>Runs the driver to the end; its exit code (0: every check passed) and both streams.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string home, params string[] args)
    {
        var (exitCode, output, error) = await RunScriptAsync(home, "drive-ragex-mcp.mjs", args);
        return (exitCode, output + error);
    }

    /// <summary>Runs a script of tests/mcp-client to the end: its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string home, string script, params string[] args)
    {
        var client = Path.Combine(RepositoryRoot(), "tests", "mcp-client");
        if (!Directory.Exists(Path.Combine(client, "node_modules", "@modelcontextprotocol", "sdk")))
        {
            Assert.Fail($"{client}/node_modules is missing: run scripts/test (or `npm ci` in tests/mcp-client) first");
        }

        var startInfo = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = client };
        startInfo.ArgumentList.Add(Path.Combine(client, script));
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

        return (process.ExitCode, await output, await error);
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

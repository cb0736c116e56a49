using System.Text.Json;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Bench;

/// <summary>
/// The published `ragex` CLI on the bench's private RAGEX_HOME; every call is a new process, as a user's would be.
/// Without a models directory it finds the models as a user's new home does.
/// </summary>
public sealed class RagexCli(string program, string home, string? modelsDirectory)
{
    public string Home { get; } = home;

    public string Program { get; } = program;

    private readonly Dictionary<string, string> environment = modelsDirectory is null
        ? new() { ["RAGEX_HOME"] = home, ["NO_COLOR"] = "1" }
        : new() { ["RAGEX_HOME"] = home, ["RAGEX_MODELS_DIR"] = modelsDirectory, ["NO_COLOR"] = "1" };

    public Task<ProcessRun> RunAsync(string workingDirectory, params string[] arguments) =>
        ProcessRun.RunAsync(Program, arguments, workingDirectory, environment);

    /// <summary>Runs and fails loudly on exit code 2 (an error); 0 and 1 (no hits) are answers.</summary>
    public async Task<ProcessRun> CheckedAsync(string workingDirectory, params string[] arguments)
    {
        var run = await RunAsync(workingDirectory, arguments);
        if (run.ExitCode > 1)
        {
            throw new InvalidOperationException($"ragex {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Stderr.Trim()}");
        }

        return run;
    }

    public async Task<(ProcessRun Run, JsonElement Summary)> IndexAsync(string root, bool embeddings, bool waitForAllTiers = false)
    {
        string[] arguments = !embeddings ? ["index", root, "--json", "--no-embeddings"] : waitForAllTiers ? ["index", root, "--json", "--wait-all"] : ["index", root, "--json"];
        var run = await CheckedAsync(root, arguments);
        return (run, JsonDocument.Parse(run.Stdout).RootElement.Clone());
    }

    public Task<ProcessRun> RemoveAsync(string root) => RunAsync(root, "rm", root);

    public Task<ProcessRun> StopAsync() => RunAsync(Path.GetDirectoryName(Home)!, "stop");

    /// <summary>The daemon's pid from $RAGEX_HOME/daemon.json, or null when none is running.</summary>
    public int? DaemonPid() =>
        DaemonEndpoint.TryRead(Path.Combine(Home, DaemonEndpoint.FileName)) is { } endpoint && endpoint.IsAlive() ? endpoint.ProcessId : null;
}

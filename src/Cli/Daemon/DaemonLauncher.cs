using System.Diagnostics;
using Ragex.Core;
using Ragex.Core.Configuration;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Daemon;

/// <summary>
/// Finds the running daemon of a data home through its daemon.json, or starts one in the background (its own
/// session, stdio detached, logging to $RAGEX_HOME/logs) and waits until it is ready.
/// </summary>
public static class DaemonLauncher
{
    /// <summary>Overrides where the daemon program is: a ragexd executable or ragexd.dll.</summary>
    public const string DaemonVariable = "RAGEX_DAEMON";

    /// <summary>A start takes about half a second; a machine busy with a test suite has taken over 30 s.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static string EndpointPath(RagexHome home) => Path.Combine(home.Directory, DaemonEndpoint.FileName);

    public static string StartLogPath(RagexHome home) => Path.Combine(home.Directory, "logs", "daemon-start.log");

    /// <summary>The endpoint of a live daemon, or null.</summary>
    public static DaemonEndpoint? Running(RagexHome home) =>
        DaemonEndpoint.TryRead(EndpointPath(home)) is { } endpoint && endpoint.IsAlive() ? endpoint : null;

    public static async Task<DaemonEndpoint> EnsureRunningAsync(RagexHome home, CancellationToken cancellationToken) =>
        Running(home) ?? await StartAsync(home, cancellationToken);

    /// <summary>Starts a daemon and waits for its daemon.json; if another client started one meanwhile, that one is used.</summary>
    public static async Task<DaemonEndpoint> StartAsync(RagexHome home, CancellationToken cancellationToken)
    {
        home.EnsureCreated();
        Directory.CreateDirectory(Path.GetDirectoryName(StartLogPath(home))!);
        using var launched = Process.Start(DetachedStart(home)) ?? throw new RagexException("could not start the daemon");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartTimeout)
        {
            if (Running(home) is { } endpoint)
            {
                return endpoint;
            }

            await Task.Delay(10, cancellationToken);
        }

        // Given up on, it is stopped rather than left to come up unseen (a home deleted meanwhile would keep it forever).
        StopQuietly(launched);
        throw new RagexException($"the daemon did not start within {StartTimeout.TotalSeconds:0} s and was stopped: {LastLine(StartLogPath(home))}");
    }

    /// <summary>The launched shell execs setsid, which execs the daemon: the process started is the daemon itself.</summary>
    private static void StopQuietly(Process launched)
    {
        try
        {
            launched.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
    }

    /// <summary>
    /// <c>setsid</c> puts the daemon in a session of its own, so a Ctrl-C in this terminal never reaches it; the shell
    /// detaches its stdio (errors before the log is open go to daemon-start.log) and execs, so nothing waits for it.
    /// </summary>
    private static ProcessStartInfo DetachedStart(RagexHome home)
    {
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add("log=\"$1\"; shift; exec setsid \"$@\" </dev/null >/dev/null 2>>\"$log\"");
        startInfo.ArgumentList.Add("ragex-start");
        startInfo.ArgumentList.Add(StartLogPath(home));
        foreach (var part in DaemonCommand())
        {
            startInfo.ArgumentList.Add(part);
        }

        startInfo.Environment[RagexHome.EnvironmentVariable] = home.Directory;
        return startInfo;
    }

    /// <summary>The command that runs the daemon: $RAGEX_DAEMON, else ragexd next to this program.</summary>
    public static IReadOnlyList<string> DaemonCommand()
    {
        var configured = Environment.GetEnvironmentVariable(DaemonVariable);
        var program = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "ragexd.dll") : configured;
        if (!File.Exists(program))
        {
            throw new RagexException($"{program}: daemon program not found; run scripts/setup (or set {DaemonVariable})");
        }

        return program.EndsWith(".dll", StringComparison.Ordinal) ? [DotnetHost(), program] : [program];
    }

    /// <summary>The dotnet host running this program when there is one (`dotnet ragex.dll`), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";

    private static string LastLine(string path) =>
        File.Exists(path) && File.ReadLines(path).LastOrDefault(l => l.Length > 0) is { } line ? line : "no error output (see `ragex log`)";
}

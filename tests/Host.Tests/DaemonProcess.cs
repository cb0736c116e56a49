using System.Diagnostics;
using Ragex.Protocol.Daemon;

namespace Ragex.Host.Tests;

/// <summary>A real `ragexd` process on a private RAGEX_HOME, started and awaited until it writes its daemon.json.</summary>
public sealed class DaemonProcess : IDisposable
{
    private DaemonProcess(Process process, DaemonEndpoint endpoint)
    {
        Process = process;
        Endpoint = endpoint;
    }

    /// <summary>The models scripts/setup installed (the test process's own home, not the daemon's temporary one).</summary>
    public static string InstalledModels { get; } =
        Ragex.Core.Embedding.EmbedderProvider.ModelsDirectoryFor(Ragex.Core.Configuration.RagexHome.FromEnvironment());

    public Process Process { get; }

    public DaemonEndpoint Endpoint { get; }

    public static Process Launch(string home, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ragexd.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["RAGEX_HOME"] = home;
        startInfo.Environment["RAGEX_MODELS_DIR"] = InstalledModels;
        return Process.Start(startInfo)!;
    }

    public static async Task<DaemonProcess> StartAsync(string home, params string[] arguments)
    {
        var process = Launch(home, arguments);
        var path = Path.Combine(home, DaemonEndpoint.FileName);
        try
        {
            var endpoint = await DirectoryChanges.UntilAsync(
                home, () => DaemonEndpoint.TryRead(path), e => e?.ProcessId == process.Id, TimeSpan.FromSeconds(60),
                _ => process.HasExited
                    ? $"ragexd exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}"
                    : $"ragexd (pid {process.Id}, {process.TotalProcessorTime.TotalSeconds:0.0} s of CPU) wrote no daemon.json; its log, last lines:\n{LogTail(home, 10)}",
                process.WaitForExitAsync());
            return new DaemonProcess(process, endpoint!);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/>; when it fails, the failure carries the tail of the daemon's log in
    /// <paramref name="home"/>, since a log cut from CI's output is all that is left of a run elsewhere.
    /// </summary>
    public static async Task WithLogOnFailureAsync(string home, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nthe daemon's log, last lines:\n{LogTail(home, 15)}", e);
        }
    }

    public void Kill()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit();
        }
    }

    private static string LogTail(string home, int lines)
    {
        var logs = Path.Combine(home, "logs");
        var text = Directory.Exists(logs) ? Directory.GetFiles(logs).Order(StringComparer.Ordinal).SelectMany(File.ReadLines).TakeLast(lines) : [];
        return string.Join('\n', text.DefaultIfEmpty("(none)"));
    }

    public void Dispose()
    {
        Kill();
        Process.Dispose();
    }
}

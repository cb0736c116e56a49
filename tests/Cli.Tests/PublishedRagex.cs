using System.Diagnostics;

namespace Ragex.Cli.Tests;

/// <summary>
/// The `ragex` executable users run: the Native AOT binary scripts/setup publishes to artifacts/ragex (with ragexd
/// beside it), or $RAGEX_CLI. Process tests run it, not the JIT-compiled ragex.dll, so what ships is what is tested.
/// </summary>
public static class PublishedRagex
{
    public const string Variable = "RAGEX_CLI";

    public static string Path { get; } = Locate();

    /// <summary>A start description for `ragex ARGS` against a test's own data home.</summary>
    public static ProcessStartInfo StartInfo(string home, IEnumerable<string> args)
    {
        var startInfo = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["RAGEX_HOME"] = home;
        startInfo.Environment["RAGEX_MODELS_DIR"] = InstalledModels.Directory;
        startInfo.Environment.Remove(CliContext.NoDaemonVariable);
        return startInfo;
    }

    /// <summary>A command that never answers (a lost reply) fails its test instead of holding up the whole suite.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs `ragex ARGS` to the end, capturing both streams; killed and reported after <see cref="Timeout"/>.</summary>
    public static CliRun Run(ProcessStartInfo startInfo)
    {
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new CliRun(-1, output.Result, $"ragex {string.Join(' ', startInfo.ArgumentList)}: no answer within {Timeout.TotalMinutes:0} min\n{error.Result}");
        }

        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "artifacts", "ragex", "ragex");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no published ragex (artifacts/ragex/ragex): run scripts/setup, or set {Variable}");
    }
}

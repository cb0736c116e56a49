using System.Diagnostics;

namespace Ragex.Cli.Tests;

/// <summary>
/// The `ragex` executable users run: the Native AOT binary scripts/setup publishes to artifacts/ragex (with ragexd
/// beside it), or $RAGEX_CLI. Process tests run it, not the JIT-compiled ragex.dll, so what ships is what is tested:
/// one older than the sources it is built from fails every such test with one line saying to run scripts/setup.
/// </summary>
public static class PublishedRagex
{
    public const string Variable = "RAGEX_CLI";

    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The executable; throws (the same exception for every test) when there is none or it is stale.</summary>
    public static string Path => Located.Value;

    /// <summary>
    /// A source newer than <paramref name="binary"/>, or null: scripts/setup's rule for republishing, i.e. a .cs,
    /// .csproj, .props or .hocon file under src/ or hocon/ (build output in bin/ and obj/ aside), or Directory.*.props.
    /// </summary>
    public static string? StaleSource(string binary, string repository)
    {
        var built = File.GetLastWriteTimeUtc(binary);
        var sources = new[] { "src", "hocon" }
            .Select(folder => System.IO.Path.Combine(repository, folder))
            .Where(Directory.Exists)
            .SelectMany(Sources)
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props" }.Select(name => System.IO.Path.Combine(repository, name)).Where(File.Exists));
        return sources.FirstOrDefault(source => File.GetLastWriteTimeUtc(source) > built);
    }

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
                return StaleSource(candidate, directory.FullName) is { } source
                    ? throw new InvalidOperationException(
                        $"artifacts/ragex/ragex is older than {System.IO.Path.GetRelativePath(directory.FullName, source)}: run scripts/setup to publish it again")
                    : candidate;
            }
        }

        throw new InvalidOperationException($"no published ragex (artifacts/ragex/ragex): run scripts/setup, or set {Variable}");
    }

    private static IEnumerable<string> Sources(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (System.IO.Path.GetExtension(file) is ".cs" or ".csproj" or ".props" or ".hocon")
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Where(d => System.IO.Path.GetFileName(d) is not ("bin" or "obj")))
        {
            foreach (var file in Sources(child))
            {
                yield return file;
            }
        }
    }
}

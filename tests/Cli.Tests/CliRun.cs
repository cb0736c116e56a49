using Ragex.Core.Configuration;

namespace Ragex.Cli.Tests;

/// <summary>Runs the `ragex` command line in process (its --no-daemon path) against a given data home, capturing both streams.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Settings from the shipped defaults and the home's ragex.hocon only: no RAGEX_* variable of the test run.</summary>
    public static Task<CliRun> InvokeAsync(string home, string currentDirectory, params string[] args) =>
        InvokeAsync(home, new Dictionary<string, string>(), currentDirectory, args);

    /// <summary>As if <paramref name="environment"/> were the process's variables, for the settings read from them.</summary>
    public static async Task<CliRun> InvokeAsync(string home, IReadOnlyDictionary<string, string> environment, string currentDirectory, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var context = new CliContext(new RagexHome(home), InstalledModels.Directory, currentDirectory, output, error, Interactive: false)
        {
            NoDaemon = true,
            SettingsEnvironment = environment,
        };
        var exitCode = await RagexCommandLine.RunAsync(args, context);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

using Ragex.Cli.Backends;
using Ragex.Cli.Daemon;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Settings;

namespace Ragex.Cli;

/// <summary>
/// What a command runs against: the data home, where embedding models are installed, the working directory, the
/// two output streams, and whether to use the daemon (default) or run in process.
/// </summary>
public sealed record CliContext(RagexHome Home, string ModelsDirectory, string CurrentDirectory, TextWriter Out, TextWriter Error, bool Interactive)
{
    public const string NoDaemonVariable = "RAGEX_NO_DAEMON";

    public ProjectRegistry Registry { get; } = new(Home);

    /// <summary>Run every command in process (<c>RAGEX_NO_DAEMON=1</c>, or `--no-daemon` per command).</summary>
    public bool NoDaemon { get; init; }

    public static CliContext FromEnvironment()
    {
        var home = RagexHome.FromEnvironment();
        return new(home, EmbedderProvider.ModelsDirectoryFor(home), Environment.CurrentDirectory, Console.Out, Console.Error, !Console.IsOutputRedirected)
        {
            NoDaemon = Environment.GetEnvironmentVariable(NoDaemonVariable) is "1" or "true",
        };
    }

    /// <summary>The variables <c>RAGEX_&lt;SECTION&gt;_&lt;KEY&gt;</c> settings are read from; null: this process's.</summary>
    public IReadOnlyDictionary<string, string>? SettingsEnvironment { get; init; }

    /// <summary>
    /// The settings in-process commands run with, loaded as the daemon loads its own (the daemon path never needs them).
    /// </summary>
    public RagexSettings LoadSettings() =>
        RagexSettings.From(RagexSettings.Load(Home, SettingsEnvironment ?? RagexSettings.ProcessEnvironment()));

    /// <summary>
    /// Runs <paramref name="write"/> against Out, through one 64 KiB buffer flushed at the end when Out is the console
    /// (Console.Out flushes every line: a system call per hit of a regex that finds tens of thousands).
    /// </summary>
    public void Print(Action<TextWriter> write)
    {
        if (!ReferenceEquals(Out, Console.Out))
        {
            write(Out);
            return;
        }

        using var buffered = BufferedConsole();
        write(buffered);
    }

    /// <summary><see cref="Print"/> for output written while a search runs (hits printed as they are found).</summary>
    public async Task PrintAsync(Func<TextWriter, Task> write)
    {
        if (!ReferenceEquals(Out, Console.Out))
        {
            await write(Out);
            return;
        }

        await using var buffered = BufferedConsole();
        await write(buffered);
    }

    private static StreamWriter BufferedConsole() =>
        new(new BufferedStream(Console.OpenStandardOutput(), 1 << 16), new System.Text.UTF8Encoding(false), 1 << 14);

    /// <summary>The daemon (started in the background if none is running), or this process when asked not to use one.</summary>
    public async Task<IRagexBackend> OpenBackendAsync(bool noDaemon, CancellationToken cancellationToken) =>
        noDaemon || NoDaemon ? new InProcessBackend(this) : await OpenDaemonAsync(cancellationToken);

    public async Task<DaemonBackend> OpenDaemonAsync(CancellationToken cancellationToken) =>
        DaemonBackend.Open(await DaemonLauncher.EnsureRunningAsync(Home, cancellationToken), Home);
}

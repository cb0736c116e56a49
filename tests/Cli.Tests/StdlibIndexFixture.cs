using System.Diagnostics;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Tests;

/// <summary>Indexes Debian's Python 3.11 standard library once for all tests of the class.</summary>
public sealed class StdlibIndexFixture : IDisposable
{
    public const string Corpus = "/usr/lib/python3.11";

    public StdlibIndexFixture()
    {
        Home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
        var watch = Stopwatch.StartNew();
        IndexRun = CliRun.InvokeAsync(Home, "/", "index", Corpus, "--json", "--no-embeddings").GetAwaiter().GetResult();
        IndexSeconds = watch.Elapsed.TotalSeconds;
    }

    public string Home { get; }

    public CliRun IndexRun { get; }

    public double IndexSeconds { get; }

    /// <summary>Stops the daemon a test started on this home (`ragex mcp` starts one), then deletes the home.</summary>
    public void Dispose()
    {
        if (DaemonEndpoint.TryRead(Path.Combine(Home, DaemonEndpoint.FileName)) is { } endpoint && endpoint.IsAlive())
        {
            Process.GetProcessById(endpoint.ProcessId).Kill();
        }

        Directory.Delete(Home, recursive: true);
    }
}

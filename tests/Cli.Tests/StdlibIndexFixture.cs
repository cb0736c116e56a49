using System.Diagnostics;

namespace Ragex.Cli.Tests;

/// <summary>Indexes Debian's Python 3.11 standard library once for all tests of the collection.</summary>
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

    public void Dispose() => Directory.Delete(Home, recursive: true);
}

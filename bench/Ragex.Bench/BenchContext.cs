namespace Ragex.Bench;

/// <summary>What every case needs: options, corpora, the CLI, the RSS sampler, and the rows collected so far.</summary>
public sealed class BenchContext(BenchOptions options, Corpora corpora, RagexCli cli, RssSampler rss)
{
    public BenchOptions Options { get; } = options;

    public Corpora Corpora { get; } = corpora;

    public RagexCli Cli { get; } = cli;

    public RssSampler Rss { get; } = rss;

    public List<ResultRow> Rows { get; } = [];

    public Dictionary<string, object?> Extra { get; } = [];

    /// <summary>Repetitions of a timed command: fewer in quick mode.</summary>
    public int Runs => Options.Quick ? 5 : 15;

    public void Add(ResultRow row)
    {
        Rows.Add(row);
        Console.Error.WriteLine($"bench: {row.Case} / {row.Measure} [{row.Corpus}]: median {row.Value.Median:0.###} {row.Unit}"
            + (row.Ratio is { } r ? $", ratio {r.Median:0.00}x" : "") + (row.Met is { } met ? (met ? " (goal met)" : " (goal missed)") : ""));
    }

    public void Log(string message) => Console.Error.WriteLine($"bench: {message}");
}

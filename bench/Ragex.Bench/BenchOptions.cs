namespace Ragex.Bench;

/// <summary>
/// Command line: Ragex.Bench --repo DIR --cache DIR [--quick | --cli | --cases LIST] [--micro DIR]. --cli runs only the
/// client cases (warm search latency, regex against rg, cold start) and writes its own report, cli.json and cli.md;
/// --cases runs the named groups of the full run (stdlib, embedding, live, kernel, generated, cold) into partial.json
/// and partial.md, to repeat some after a fix without the hour of the rest.
/// </summary>
public sealed record BenchOptions(string Repository, string Cache, bool Quick, string? MicroResults)
{
    public bool ClientOnly { get; init; }

    /// <summary>The case groups to run; null: all of them.</summary>
    public IReadOnlySet<string>? Cases { get; init; }

    public string ReportName => ClientOnly ? "cli" : Cases is null ? "latest" : "partial";

    public bool Runs(string group) => Cases is null || Cases.Contains(group);

    public string RagexProgram => Path.Combine(Repository, "artifacts", "ragex", "ragex");

    public string ModelsDirectory => Environment.GetEnvironmentVariable("RAGEX_MODELS_DIR") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ragex", "models");

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var repository = Path.GetFullPath(Value("--repo") ?? ".");
        var cache = Path.GetFullPath(Value("--cache") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "ragex-bench"));
        var clientOnly = args.Contains("--cli");
        return new BenchOptions(repository, cache, args.Contains("--quick") || clientOnly, Value("--micro"))
        {
            ClientOnly = clientOnly,
            Cases = Value("--cases")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
        };
    }
}

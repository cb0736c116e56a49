namespace Ragex.Bench;

/// <summary>
/// Command line: Ragex.Bench --repo DIR --cache DIR [--quick | --cli] [--micro DIR]. --cli runs only the client cases
/// (warm search latency, regex against rg, cold start) and writes its own report, cli.json and cli.md.
/// </summary>
public sealed record BenchOptions(string Repository, string Cache, bool Quick, string? MicroResults)
{
    public bool ClientOnly { get; init; }

    public string ReportName => ClientOnly ? "cli" : "latest";

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
        return new BenchOptions(repository, cache, args.Contains("--quick") || clientOnly, Value("--micro")) { ClientOnly = clientOnly };
    }
}

using System.Text.Json;

namespace Ragex.Bench.Cases;

/// <summary>
/// Case 1: `ragex search --mode regex` (warm daemon) against bare `rg` with the same flags, both with JSON output, run
/// alternately; the ratio is taken per pair. The hit sets (file:line) of the last pair are compared.
/// </summary>
public static class RegexCase
{
    public sealed record Pattern(string Name, string[] Flags, string Query);

    public static readonly Pattern[] Python =
    [
        new("literal", ["-F"], "urlparse("),
        new("word", ["-w"], "getaddrinfo"),
        new("ignore-case alternation", ["-i"], "urlopen|httpconnection"),
    ];

    public static readonly Pattern[] Kernel =
    [
        new("literal", ["-F"], "spin_lock_irqsave("),
        new("word", ["-w"], "kfree_rcu"),
        new("ignore-case alternation", ["-i"], "mutex_trylock|rwsem_downgrade"),
    ];

    public static async Task RunAsync(BenchContext context, string corpusName, string root, Pattern[] patterns)
    {
        foreach (var pattern in patterns)
        {
            await context.Cli.CheckedAsync(root, ["search", "--mode", "regex", .. pattern.Flags, "--json", pattern.Query]);
            var ragex = new List<double>();
            var rg = new List<double>();
            var ratios = new List<double>();
            ProcessRun? lastRagex = null;
            ProcessRun? lastRg = null;
            for (var i = 0; i < context.Runs; i++)
            {
                lastRagex = await context.Cli.CheckedAsync(root, ["search", "--mode", "regex", .. pattern.Flags, "--json", pattern.Query]);
                lastRg = await ProcessRun.RunAsync("rg", ["--json", .. pattern.Flags, pattern.Query], root);
                ragex.Add(lastRagex.Milliseconds);
                rg.Add(lastRg.Milliseconds);
                ratios.Add(lastRagex.Milliseconds / lastRg.Milliseconds);
            }

            var ours = RagexHits(lastRagex!.Stdout, root);
            var theirs = RipgrepHits(lastRg!.Stdout);
            var onlyOurs = ours.Except(theirs).Order(StringComparer.Ordinal).ToList();
            var onlyTheirs = theirs.Except(ours).Order(StringComparer.Ordinal).ToList();
            var equal = onlyOurs.Count == 0 && onlyTheirs.Count == 0;
            var note = $"{ours.Count} hits; hit sets {(equal ? "equal" : $"differ: {onlyOurs.Count} only ragex, {onlyTheirs.Count} only rg, e.g. {string.Join(", ", onlyTheirs.Concat(onlyOurs).Take(3))}")}";
            context.Add(new ResultRow("1 regex", $"{pattern.Name}: rg {string.Join(' ', pattern.Flags)} '{pattern.Query}'", corpusName, "ms", Distribution.Of(ragex))
            {
                Baseline = Distribution.Of(rg),
                BaselineName = "rg",
                Ratio = Distribution.Of(ratios),
                Goal = "wall <= 1.1x rg, same hits",
                GoalOn = GoalOn.RatioMedianAtMost,
                GoalLimit = 1.1,
                Note = note,
                ResultsAgree = equal,
            });
            context.Extra[$"regex_hits_equal/{corpusName}/{pattern.Name}"] = equal;
        }
    }

    private static HashSet<string> RagexHits(string json, string root)
    {
        using var document = JsonDocument.Parse(json);
        var hits = new HashSet<string>(StringComparer.Ordinal);
        foreach (var hit in document.RootElement.GetProperty("hits").EnumerateArray())
        {
            var full = Path.Combine(hit.GetProperty("root").GetString()!, hit.GetProperty("path").GetString()!);
            hits.Add($"{Path.GetRelativePath(root, full)}:{hit.GetProperty("line").GetInt32()}");
        }

        return hits;
    }

    private static HashSet<string> RipgrepHits(string jsonLines)
    {
        var hits = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.GetProperty("type").GetString() != "match")
            {
                continue;
            }

            var data = document.RootElement.GetProperty("data");
            var path = data.GetProperty("path").TryGetProperty("text", out var text) ? text.GetString()! : "(non-UTF-8 path)";
            hits.Add($"{path}:{data.GetProperty("line_number").GetInt32()}");
        }

        return hits;
    }
}

namespace Ragex.Bench.Cases;

/// <summary>
/// Case 2: warm `ragex search NAME --mode symbol` latency (wall, CLI through the daemon) against the grep a user would
/// type instead: `rg -n "def NAME|class NAME"` for Python, a definition-shaped regex for C.
/// </summary>
public static class SymbolCase
{
    public static readonly string[] PythonNames = ["urlparse", "HTTPConnection", "JSONDecoder", "getaddrinfo", "message_from_string"];
    public static readonly string[] KernelNames = ["kmalloc", "task_struct", "schedule", "spin_lock_irqsave", "ext4_iget"];

    public static string PythonBaseline(string name) => $"def {name}|class {name}";

    public static string CBaseline(string name) => $@"^\w[\w \*]*\b{name}\(|^#define {name}\b|^struct {name} \{{";

    public static async Task RunAsync(BenchContext context, string corpusName, string root, string[] names, Func<string, string> baseline)
    {
        var ragex = new List<double>();
        var rg = new List<double>();
        var ratios = new List<double>();
        foreach (var name in names)
        {
            await context.Cli.CheckedAsync(root, "search", "--mode", "symbol", name);
            for (var i = 0; i < context.Runs; i++)
            {
                var ours = await context.Cli.CheckedAsync(root, "search", "--mode", "symbol", name);
                var theirs = await ProcessRun.RunAsync("rg", ["-n", baseline(name)], root);
                ragex.Add(ours.Milliseconds);
                rg.Add(theirs.Milliseconds);
                ratios.Add(ours.Milliseconds / theirs.Milliseconds);
            }
        }

        context.Add(new ResultRow("2 symbol", $"warm CLI latency, {names.Length} names x {context.Runs} runs", corpusName, "ms", Distribution.Of(ragex))
        {
            Baseline = Distribution.Of(rg),
            BaselineName = $"rg -n \"{baseline("NAME")}\"",
            Ratio = Distribution.Of(ratios),
            Goal = "p95 <= 150 ms",
            GoalOn = GoalOn.ValueP95AtMost,
            GoalLimit = 150,
            Note = $"p50 {Distribution.Of(ragex).Median:0} ms, p95 {Distribution.Of(ragex).P95:0} ms",
        });
    }
}

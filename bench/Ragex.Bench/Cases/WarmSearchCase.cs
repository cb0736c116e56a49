namespace Ragex.Bench.Cases;

/// <summary>Case 7: the same `ragex search` again and again with the daemon warm: what a user feels on every search.</summary>
public static class WarmSearchCase
{
    public static async Task RunAsync(BenchContext context, string corpusName, string root, string query)
    {
        await context.Cli.CheckedAsync(root, "search", query);
        var wall = new List<double>();
        for (var i = 0; i < Math.Max(9, context.Runs * 2); i++)
        {
            wall.Add((await context.Cli.CheckedAsync(root, "search", query)).Milliseconds);
        }

        context.Add(new ResultRow("7 warm search", $"ragex search {query} (auto mode, no flags), wall", corpusName, "ms", Distribution.Of(wall))
        {
            Goal = "p50 <= 50 ms",
            GoalOn = GoalOn.ValueMedianAtMost,
            GoalLimit = 50,
        });
    }
}

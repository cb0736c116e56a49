namespace Ragex.Bench.Cases;

/// <summary>Case 6: `ragex stop`, then time the first `ragex search` (it starts the daemon) on an indexed repository.</summary>
public static class ColdStartCase
{
    public static async Task RunAsync(BenchContext context, string corpusName, string root, string query)
    {
        var wall = new List<double>();
        for (var i = 0; i < Math.Max(3, context.Runs / 2); i++)
        {
            await context.Cli.StopAsync();
            while (context.Cli.DaemonPid() is not null)
            {
                await Task.Delay(50);
            }

            await Task.Delay(500);
            wall.Add((await context.Cli.CheckedAsync(root, "search", query)).Milliseconds);
        }

        context.Add(new ResultRow("6 cold start", $"ragex stop; ragex search {query} (auto mode), wall", corpusName, "ms", Distribution.Of(wall))
        {
            Goal = "<= 1 s",
            GoalOn = GoalOn.ValueMedianAtMost,
            GoalLimit = 1000,
        });
    }
}

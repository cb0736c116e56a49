namespace Ragex.Bench.Cases;

/// <summary>
/// Case 7: daemon RSS (/proc/PID/status VmRSS). Steady state with the three repositories indexed and idle, then the
/// peak while it embeds the generated 20k-file tree for a window; the sampler's peak
/// over the whole run is reported too.
/// </summary>
public static class RssCase
{
    public static async Task SteadyAsync(BenchContext context, int projects)
    {
        await Task.Delay(TimeSpan.FromSeconds(10));
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            if (context.Rss.Now() is { } rss)
            {
                samples.Add(rss / 1048576.0);
            }

            await Task.Delay(1000);
        }

        context.Add(new ResultRow("7 daemon RSS", $"steady state, {projects} projects indexed, idle", "all", "MiB", Distribution.Of(samples))
        {
            Goal = "<= 300 MB",
            GoalOn = GoalOn.ValueMaxAtMost,
            GoalLimit = 300_000_000 / 1048576.0,
        });
    }

    public static async Task PeakWhileEmbeddingAsync(BenchContext context, string corpusName, string root, TimeSpan window)
    {
        context.Rss.Phase = $"embedding {corpusName}";
        var index = context.Cli.RunAsync(root, "index", root, "--json");
        var samples = new List<double>();
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end && !index.IsCompleted)
        {
            if (context.Rss.Now() is { } rss)
            {
                samples.Add(rss / 1048576.0);
            }

            await Task.Delay(500);
        }

        context.Add(new ResultRow("7 daemon RSS", $"while embedding (sampled every 0.5 s for {window.TotalSeconds:0} s)", corpusName, "MiB", Distribution.Of(samples))
        {
            Goal = "peak <= 300 MB",
            GoalOn = GoalOn.ValueMaxAtMost,
            GoalLimit = 300_000_000 / 1048576.0,
            Note = "the max column is the peak",
        });
        context.Rss.Phase = "after embedding window";
    }

    public static void RunPeak(BenchContext context) =>
        context.Add(new ResultRow("7 daemon RSS", "peak over the whole bench run (sampled every 0.5 s)", "all", "MiB", Distribution.One(context.Rss.PeakBytes / 1048576.0))
        {
            Goal = "<= 300 MB",
            GoalOn = GoalOn.ValueMaxAtMost,
            GoalLimit = 300_000_000 / 1048576.0,
            Note = $"during: {context.Rss.PeakDuring}",
        });
}

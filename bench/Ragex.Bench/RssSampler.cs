using System.Globalization;

namespace Ragex.Bench;

/// <summary>Samples the daemon's VmRSS from /proc every interval for as long as it runs, following a restarted daemon.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly Func<int?> pid;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long peak;
    private string peakDuring = "";

    public RssSampler(Func<int?> pid, TimeSpan interval)
    {
        this.pid = pid;
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (pid() is { } id && Read(id) is { } rss && rss > Interlocked.Read(ref peak))
                {
                    Interlocked.Exchange(ref peak, rss);
                    peakDuring = Phase;
                }

                try
                {
                    await Task.Delay(interval, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>What the bench is doing now, recorded with the peak.</summary>
    public string Phase { get; set; } = "start";

    public long PeakBytes => Interlocked.Read(ref peak);

    public string PeakDuring => peakDuring;

    public long? Now() => pid() is { } id ? Read(id) : null;

    public static long? Read(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}

namespace Ragex.Tests;

/// <summary>Waiting for a condition without sleeping: it is looked at again when an event says something changed.</summary>
public static class Until
{
    /// <summary>
    /// <paramref name="probe"/>'s value once <paramref name="done"/> holds, probing now and again each time the task
    /// <paramref name="nextChange"/> gives (read before each look) completes; fails with <paramref name="failure"/> of the
    /// last value when <paramref name="timeout"/> passes first, or when <paramref name="abandon"/> (e.g. the writer's exit)
    /// completes and one more look does not find it done.
    /// </summary>
    public static async Task<T> ChangedAsync<T>(
        Func<Task> nextChange, Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> failure, Task? abandon = null)
    {
        using var deadline = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero); // none left: one look
        while (true)
        {
            var changed = nextChange();
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            try
            {
                await (abandon is null ? changed : Task.WhenAny(changed, abandon)).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"not within {timeout.TotalSeconds:0} s: {failure(value)}");
            }

            if (abandon is { IsCompleted: true })
            {
                value = await probe();
                return done(value) ? value : throw new Xunit.Sdk.XunitException(failure(value));
            }
        }
    }
}

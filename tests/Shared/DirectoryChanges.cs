namespace Ragex.Tests;

/// <summary>
/// Every change under a directory (a FileSystemWatcher over its whole tree), to await instead of sleeping: a test
/// looks again at what it waits for after each write the code under test makes (its index, its log, its daemon.json).
/// </summary>
public sealed class DirectoryChanges : IDisposable
{
    private readonly FileSystemWatcher watcher;
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DirectoryChanges(string directory)
    {
        watcher = new FileSystemWatcher(directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        watcher.Renamed += (_, _) => Signal();
        watcher.Error += (_, _) => Signal(); // a lost event (buffer overflow) is still a change
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>
    /// Without a change, <see cref="UntilAsync{T}(string, Func{Task{T}}, Func{T, bool}, TimeSpan, Func{T, string}, Task?)"/>
    /// looks again after this long: a watcher that could not be armed (inotify's limits, which the whole machine's test
    /// processes share) or that lost its events would otherwise leave a test waiting for its timeout.
    /// </summary>
    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromSeconds(1);

    /// <summary>Completes at the first change after it was read: read it before looking, await it after.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    /// <summary>
    /// <paramref name="probe"/>'s value once <paramref name="done"/> holds, probing now and after each change under
    /// <paramref name="directory"/> (see <see cref="Until.ChangedAsync"/>).
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        string directory, Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> failure, Task? abandon = null)
    {
        using var changes = new DirectoryChanges(directory);
        return await Until.ChangedAsync(() => Task.WhenAny(changes.Next, Task.Delay(LookAgainAfter)), probe, done, timeout, failure, abandon);
    }

    public static Task<T> UntilAsync<T>(string directory, Func<T> probe, Func<T, bool> done, TimeSpan timeout, Func<T, string> failure, Task? abandon = null) =>
        UntilAsync(directory, () => Task.FromResult(probe()), done, timeout, failure, abandon);

    public void Dispose() => watcher.Dispose();

    private void Signal() => Interlocked.Exchange(ref next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

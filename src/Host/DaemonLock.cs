namespace Ragex.Host;

/// <summary>
/// One daemon per <c>$RAGEX_HOME</c>: an exclusive lock on <c>daemon.lock</c>, held for the life of the process (the
/// kernel releases it if the process dies, even by kill -9, so a stale lock cannot block a restart).
/// </summary>
public sealed class DaemonLock : IDisposable
{
    private readonly FileStream stream;

    private DaemonLock(FileStream stream) => this.stream = stream;

    public static DaemonLock? TryAcquire(string directory)
    {
        try
        {
            return new DaemonLock(new FileStream(Path.Combine(directory, "daemon.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}

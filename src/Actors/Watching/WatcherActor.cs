using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Core.Ignore;

namespace Ragex.Actors.Watching;

/// <summary>
/// Watches one project's tree and tells its target which paths changed: a <see cref="ChangesPending"/> at the first
/// event, then one <see cref="FilesChanged"/> once events have been quiet for the debounce, and at least every 4
/// debounces while they keep coming. Paths the walker would
/// skip are dropped. The FileSystemWatcher's handlers only forward to the mailbox; all state is the actor's own.
/// <para>
/// Supervision: it has no children, and its parent restarts it on failure (PreStart then creates a new watcher). A
/// watcher that fails by itself is handled here rather than escalated: a rescan is requested and the watcher is
/// recreated, at once the first time, then after the retry delay, so a lasting failure (inotify limits, a missing root)
/// turns into one rescan per retry delay instead of a crash loop.
/// </para>
/// </summary>
public sealed class WatcherActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan DefaultRetryDelay = TimeSpan.FromSeconds(30);

    private const int FlushAtLeastEveryDebounces = 4;
    private const int WatcherBufferSize = 64 * 1024;

    // errno values the Linux FileSystemWatcher puts in IOException.HResult when inotify runs out of watches or instances.
    private const int Enfile = 23;
    private const int Emfile = 24;
    private const int Enospc = 28;

    private const string DebounceTimer = "debounce";
    private const string LatencyCapTimer = "latency-cap";
    private const string RetryTimer = "retry";
    private const string HealthyTimer = "healthy";

    private readonly string projectId;
    private readonly string root;
    private readonly IActorRef target;
    private readonly TimeSpan debounce;
    private readonly TimeSpan retryDelay;
    private readonly HashSet<string> pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IgnoreRules> rulesCache = new(StringComparer.Ordinal);
    private FileSystemWatcher? watcher;
    private int generation;
    private int consecutiveFailures;
    private bool rescanPending;
    private bool rescanWhenStarted;
    private bool ignoreFilesChanged;

    public WatcherActor(string projectId, string root, IActorRef target, TimeSpan debounce, TimeSpan retryDelay)
    {
        this.projectId = projectId;
        this.root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        this.target = target;
        this.debounce = debounce;
        this.retryDelay = retryDelay;

        Receive<PathChanged>(OnPathChanged);
        Receive<PathRenamed>(OnPathRenamed);
        Receive<WatcherFailed>(OnWatcherFailed);
        Receive<WatcherStarted>(OnWatcherStarted);
        Receive<Flush>(_ => FlushPending());
        Receive<Recreate>(_ => StartWatcher());
        Receive<Healthy>(_ => consecutiveFailures = 0);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="retryDelay">Wait before recreating a watcher that failed again; <see cref="DefaultRetryDelay"/> if null.</param>
    public static Props Props(string projectId, string root, IActorRef target, TimeSpan debounce, TimeSpan? retryDelay = null)
    {
        var delay = retryDelay ?? DefaultRetryDelay;
        return Akka.Actor.Props.Create(() => new WatcherActor(projectId, root, target, debounce, delay));
    }

    protected override void PreStart() => StartWatcher();

    protected override void PostStop() => StopWatcher();

    private void StartWatcher()
    {
        StopWatcher();
        var self = Self;
        var current = generation;
        FileSystemWatcher? created = null;
        try
        {
            created = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = WatcherBufferSize,
            };
            created.Created += (_, e) => self.Tell(new PathChanged(e.ChangeType, e.FullPath));
            created.Changed += (_, e) => self.Tell(new PathChanged(e.ChangeType, e.FullPath));
            created.Deleted += (_, e) => self.Tell(new PathChanged(e.ChangeType, e.FullPath));
            created.Renamed += (_, e) => self.Tell(new PathRenamed(e.OldFullPath, e.FullPath));
            created.Error += (_, e) => self.Tell(new WatcherFailed(current, e.GetException()));
            created.EnableRaisingEvents = true;
            watcher = created;
            // Errors raised while the watches were being added are already in the mailbox ahead of this.
            self.Tell(new WatcherStarted(current));
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            created?.Dispose();
            OnFailure(e);
        }
    }

    private void StopWatcher()
    {
        generation++;
        if (watcher is null)
        {
            return;
        }

        // Dispose also drops the handlers, so a watcher thread still running delivers nothing more.
        watcher.Dispose();
        watcher = null;
    }

    private void OnWatcherStarted(WatcherStarted started)
    {
        if (started.Generation != generation)
        {
            return;
        }

        target.Tell(new WatchingStarted(projectId));
        if (rescanWhenStarted)
        {
            rescanWhenStarted = false;
            RequestRescan();
        }

        Timers.StartSingleTimer(HealthyTimer, Healthy.Instance, retryDelay);
    }

    private void OnWatcherFailed(WatcherFailed failed)
    {
        if (failed.Generation != generation)
        {
            return;
        }

        switch (failed.Exception)
        {
            case InternalBufferOverflowException:
                // Events were lost but the watcher goes on (on Linux it restarts itself and re-adds every watch).
                RequestRescan();
                break;
            case UnauthorizedAccessException:
                // An unreadable subdirectory cannot be watched; the walker cannot read it either.
                break;
            default:
                OnFailure(failed.Exception);
                break;
        }
    }

    private void OnFailure(Exception exception)
    {
        StopWatcher();
        RequestRescan();
        Timers.Cancel(HealthyTimer);
        if (consecutiveFailures++ == 0 && !IsInotifyLimit(exception))
        {
            // The rescan goes out after the debounce, once the new watcher is up, so it covers what the old one missed.
            StartWatcher();
        }
        else
        {
            rescanWhenStarted = true;
            Timers.StartSingleTimer(RetryTimer, Recreate.Instance, retryDelay);
            target.Tell(new WatcherPolling(projectId, PollingReason(exception)));
        }
    }

    private string PollingReason(Exception exception)
    {
        var every = $"changes are picked up by a rescan every {retryDelay.TotalSeconds:0} s";
        return IsInotifyLimit(exception)
            ? $"the inotify watch limit is reached; {every}. Raise it: sudo sysctl fs.inotify.max_user_watches=524288 (and fs.inotify.max_user_instances)"
            : $"the file watcher failed ({exception.Message}); {every}";
    }

    private static bool IsInotifyLimit(Exception exception) =>
        exception is IOException { HResult: Enospc or Emfile or Enfile };

    private void OnPathChanged(PathChanged changed)
    {
        if (Relative(changed.FullPath) is not { } relative)
        {
            return;
        }

        var isDirectory = changed.Change != WatcherChangeTypes.Deleted && Directory.Exists(changed.FullPath);
        if (changed.Change == WatcherChangeTypes.Changed && isDirectory)
        {
            return;
        }

        Add(relative, isDirectory);
    }

    private void OnPathRenamed(PathRenamed renamed)
    {
        var isDirectory = Directory.Exists(renamed.FullPath);
        if (Relative(renamed.OldFullPath) is { } oldRelative)
        {
            Add(oldRelative, isDirectory);
        }

        if (Relative(renamed.FullPath) is { } newRelative)
        {
            Add(newRelative, isDirectory);
        }
    }

    private void Add(string relative, bool isDirectory)
    {
        var name = relative[(relative.LastIndexOf('/') + 1)..];
        if (IgnoreFileNames.All.Any(file => file.Name == name))
        {
            OnIgnoreFileChanged(relative[..Math.Max(relative.LastIndexOf('/'), 0)]);
        }
        else if (!IgnoreChain.IsIgnored(root, relative, isDirectory, rulesCache))
        {
            pending.Add(relative);
            ScheduleFlush();
        }
    }

    private void OnIgnoreFileChanged(string directory)
    {
        rulesCache.Clear();
        ignoreFilesChanged = true;
        if (directory.Length == 0)
        {
            RequestRescan();
        }
        else if (!IgnoreChain.IsIgnored(root, directory, isDirectory: true, rulesCache))
        {
            // Files under it may have become ignored or included: the project reconciles the whole directory.
            pending.Add(directory);
            ScheduleFlush();
        }
    }

    private void RequestRescan()
    {
        rescanPending = true;
        ScheduleFlush();
    }

    private void ScheduleFlush()
    {
        Timers.StartSingleTimer(DebounceTimer, Flush.Instance, debounce);
        if (!Timers.IsTimerActive(LatencyCapTimer))
        {
            // The first change of a window: the index is behind from now on, not from the flush.
            target.Tell(new ChangesPending(projectId));
            Timers.StartSingleTimer(LatencyCapTimer, Flush.Instance, debounce * FlushAtLeastEveryDebounces);
        }
    }

    private void FlushPending()
    {
        Timers.Cancel(DebounceTimer);
        Timers.Cancel(LatencyCapTimer);
        if (ignoreFilesChanged)
        {
            // Paths were decided while ignore files were changing; decide them again with the rules now on disk.
            rulesCache.Clear();
            pending.RemoveWhere(path => IgnoreChain.IsIgnored(root, path, Directory.Exists(Path.Combine(root, path)), rulesCache));
        }

        if (rescanPending)
        {
            target.Tell(new FilesChanged(projectId, [], RescanRequired: true));
        }
        else if (pending.Count > 0)
        {
            target.Tell(new FilesChanged(projectId, pending.Order(StringComparer.Ordinal).ToList(), RescanRequired: false));
        }

        pending.Clear();
        rulesCache.Clear();
        rescanPending = false;
        ignoreFilesChanged = false;
    }

    private string? Relative(string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath);
        if (relative == "." || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private sealed record PathChanged(WatcherChangeTypes Change, string FullPath);

    private sealed record PathRenamed(string OldFullPath, string FullPath);

    private sealed record WatcherFailed(int Generation, Exception Exception);

    private sealed record WatcherStarted(int Generation);

    private sealed record Flush
    {
        public static readonly Flush Instance = new();
    }

    private sealed record Recreate
    {
        public static readonly Recreate Instance = new();
    }

    private sealed record Healthy
    {
        public static readonly Healthy Instance = new();
    }
}

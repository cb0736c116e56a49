using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.TestKit;
using Ragex.Actors.Messages;
using Ragex.Actors.Watching;
using Xunit.Abstractions;

namespace Ragex.Actors.Tests.Watching;

/// <summary>Real temporary directories and the real FileSystemWatcher (inotify on Linux).</summary>
public sealed class WatcherActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(2);

    private readonly ITestOutputHelper output;
    private readonly string root = Directory.CreateTempSubdirectory("ragex-watch-").FullName;
    private readonly TestProbe target;

    public WatcherActorTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
        this.output = output;
        target = CreateTestProbe();
        target.IgnoreMessages(message => message is ChangesPending);
    }

    [Fact]
    public void Quick_writes_are_coalesced_into_one_message()
    {
        StartWatcher();

        Write("a.txt", "1");
        Write("a.txt", "2");
        Write("a.txt", "3");
        Write("b.txt");
        var sinceLastWrite = Stopwatch.StartNew();
        var changed = target.ExpectMsg<FilesChanged>(Arrival);
        output.WriteLine($"last write to FilesChanged: {sinceLastWrite.Elapsed.TotalMilliseconds:F0} ms (debounce {Debounce.TotalMilliseconds:F0} ms)");

        Assert.Equal("project", changed.ProjectId);
        Assert.False(changed.RescanRequired);
        Assert.Equal(["a.txt", "b.txt"], changed.RelativePaths);
        target.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task A_file_written_without_pause_is_still_flushed_every_four_debounces()
    {
        StartWatcher();
        using var stop = new CancellationTokenSource();
        var sinceFirstWrite = Stopwatch.StartNew();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await File.AppendAllTextAsync(Path.Combine(root, "app.txt"), "line\n");
                await Task.Delay(20); // the writer's pace (ten writes per debounce), not a wait
            }
        });

        FilesChanged first, second;
        TimeSpan firstAt, secondAt;
        try
        {
            // Within four debounces (and a second's slack) of the first write, although the writes never pause.
            first = await target.ExpectMsgAsync<FilesChanged>(Debounce * 4 + TimeSpan.FromSeconds(1));
            firstAt = sinceFirstWrite.Elapsed;
            second = await target.ExpectMsgAsync<FilesChanged>(Arrival);
            secondAt = sinceFirstWrite.Elapsed;
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        output.WriteLine($"continuous writes flushed at {firstAt.TotalMilliseconds:F0} ms and {secondAt.TotalMilliseconds:F0} ms");

        Assert.Equal(["app.txt"], first.RelativePaths);
        Assert.Equal(["app.txt"], second.RelativePaths);
    }

    [Fact]
    public void An_editor_save_through_a_temporary_file_reports_the_final_name()
    {
        Write("a.py", "old\n");
        StartWatcher();

        Write(".a.py.swp", "swap");
        Write("a.py.tmp", "new\n");
        File.Move(Path.Combine(root, "a.py.tmp"), Path.Combine(root, "a.py"), overwrite: true);
        File.Delete(Path.Combine(root, ".a.py.swp"));
        var changed = target.ExpectMsg<FilesChanged>(Arrival);

        Assert.Contains("a.py", changed.RelativePaths);
        Assert.DoesNotContain(".a.py.swp", changed.RelativePaths);
        target.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Ignored_paths_send_nothing_and_a_later_change_arrives_alone()
    {
        Write(".gitignore", "*.log\n");
        Directory.CreateDirectory(Path.Combine(root, "src"));
        StartWatcher();

        Write("node_modules/pkg/index.js");
        Write("src/node_modules/dep/lib.js");
        Write("debug.log");
        Write(".cache/state");
        target.ExpectNoMsg(TimeSpan.FromMilliseconds(800));
        Write("control.txt");

        Assert.Equal(["control.txt"], target.ExpectMsg<FilesChanged>(Arrival).RelativePaths);
    }

    [Fact]
    public void A_deletion_is_reported()
    {
        Write("gone.txt");
        StartWatcher();

        File.Delete(Path.Combine(root, "gone.txt"));

        Assert.Equal(["gone.txt"], target.ExpectMsg<FilesChanged>(Arrival).RelativePaths);
    }

    [Fact]
    public void A_new_directory_is_reported_so_that_it_can_be_walked()
    {
        StartWatcher();

        Write("sub/inner/x.py");
        var changed = target.ExpectMsg<FilesChanged>(Arrival);
        output.WriteLine(string.Join(", ", changed.RelativePaths));

        Assert.Contains("sub", changed.RelativePaths);
    }

    [Fact]
    public void A_renamed_directory_reports_both_names()
    {
        Write("old/x.py");
        StartWatcher();

        Directory.Move(Path.Combine(root, "old"), Path.Combine(root, "new"));

        Assert.Equal(["new", "old"], target.ExpectMsg<FilesChanged>(Arrival).RelativePaths);
    }

    [Fact]
    public void An_ignore_file_change_asks_for_its_directory_or_for_a_rescan_at_the_root()
    {
        Write("src/a.py");
        StartWatcher();

        Write("src/.gitignore", "*.py\n");
        Assert.Equal(["src"], target.ExpectMsg<FilesChanged>(Arrival).RelativePaths);

        Write(".ragexignore", "src/\n");
        var atRoot = target.ExpectMsg<FilesChanged>(Arrival);
        Assert.True(atRoot.RescanRequired);
        Assert.Empty(atRoot.RelativePaths);
    }

    [Fact]
    public void A_missing_root_asks_for_a_rescan_says_it_polls_and_is_watched_once_it_exists()
    {
        var later = Path.Combine(root, "later");
        Sys.ActorOf(WatcherActor.Props("project", later, target.Ref, Debounce, retryDelay: TimeSpan.FromSeconds(1)));

        // The second failure in a row: the project is told it is polling, and why.
        Assert.Contains("rescan every 1 s", target.ExpectMsg<WatcherPolling>(Arrival).Reason);
        Assert.True(target.ExpectMsg<FilesChanged>(Arrival).RescanRequired);
        Directory.CreateDirectory(later);
        target.ExpectMsg<WatchingStarted>(Arrival);
        Assert.True(target.ExpectMsg<FilesChanged>(Arrival).RescanRequired);
        Write("later/file.txt");

        Assert.Equal(["file.txt"], target.ExpectMsg<FilesChanged>(Arrival).RelativePaths);
    }

    [Fact]
    public void Stopping_the_actor_disposes_the_watcher()
    {
        var watcher = StartWatcher();
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(DeadLetter));
        Sys.EventStream.Subscribe(events.Ref, typeof(Error));
        Watch(watcher);

        Sys.Stop(watcher);
        ExpectTerminated(watcher);
        Write("after.txt");
        File.Delete(Path.Combine(root, "after.txt"));

        target.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        events.ExpectNoMsg(TimeSpan.Zero);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private IActorRef StartWatcher()
    {
        var watcher = Sys.ActorOf(WatcherActor.Props("project", root, target.Ref, Debounce));
        Assert.Equal("project", target.ExpectMsg<WatchingStarted>(Arrival).ProjectId);
        return watcher;
    }

    private void Write(string relativePath, string content = "x\n")
    {
        var full = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }
}

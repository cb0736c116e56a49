using Akka.Actor;
using Akka.Event;
using Ragex.Actors.Projects;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Tests.Projects;

/// <summary>
/// A tree larger than the inotify watch limit (lowered for a moment, as a user's machine may have it): the project
/// says it is polling, in status and in search replies, with the sysctl to raise, and an edit is still found by the
/// rescan. Real watcher, ctags and SQLite.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", InotifyLimitCollection.MachineWide)]
[Collection(InotifyLimitCollection.Name)]
public sealed class PollingProjectTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string LimitPath = "/proc/sys/fs/inotify/max_user_watches";
    private const int Directories = 300;

    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public async Task A_tree_over_the_inotify_limit_is_polled_says_so_and_an_edit_is_still_found()
    {
        for (var i = 0; i < Directories; i++)
        {
            Directory.CreateDirectory(Path.Combine(tree, $"d{i:000}"));
        }

        File.WriteAllText(Path.Combine(tree, "d000", "first.py"), "def first_function():\n    return 1\n");
        var services = RagexServices.Create(new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "no-models")));
        var supervisor = TestSupervisor.Create(Sys, services);

        using var commits = new IndexCommits(Sys);
        var limit = File.ReadAllText(LimitPath).Trim();
        try
        {
            // Room for a few watches beyond what this user holds now: not for a watch per directory of the tree.
            File.WriteAllText(LimitPath, (WatchesInUse() + 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
            supervisor.Tell(new IndexProject(tree, Embeddings: false));
            ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(30));
            // Status says so once the watcher has given up (the log line "Watching ROOT by polling" came late or not at
            // all to a test's event stream in CI, so the state itself is awaited).
            await AwaitAssertAsync(() => Assert.NotNull(Status(supervisor).Polling), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            File.WriteAllText(LimitPath, limit);
        }

        Assert.Contains("max_user_watches", Status(supervisor).Polling, StringComparison.Ordinal);
        Assert.Equal(ProjectState.Polling, Status(supervisor).State);
        var reply = await Search(services, "first_function");
        Assert.Equal(IndexState.Polling, Assert.Single(reply.Freshness).State);
        Assert.Contains(reply.Notes, n => n.Contains("max_user_watches", StringComparison.Ordinal));

        // Found by the rescan the watcher asks for every retry delay (30 s), or by the watcher it then re-creates.
        File.WriteAllText(Path.Combine(tree, "d299", "later.py"), "def edited_after_polling_began():\n    return 2\n");
        await commits.UntilAsync(
            async () => (await Search(services, "edited_after_polling_began")).Hits.Count, n => n > 0, TimeSpan.FromSeconds(45), "the edit was not found within 45 s");
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    /// <summary>Inotify watches this user's processes hold now (every "inotify wd:" line of every open inotify fd).</summary>
    private static int WatchesInUse()
    {
        var count = 0;
        foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                foreach (var info in Directory.EnumerateFiles(Path.Combine(process, "fdinfo")))
                {
                    count += File.ReadLines(info).Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that exited meanwhile, or one of another user.
            }
        }

        return count;
    }

    private ProjectStatus Status(IActorRef supervisor)
    {
        supervisor.Tell(new StatusQuery());
        return Assert.Single(ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10)).Projects);
    }

    private Task<SearchReply> Search(RagexServices services, string name) =>
        services.Search(new SearchQuery(new SearchRequest(name, SearchMode.Symbol) { Paths = [tree] }, tree), CancellationToken.None);
}

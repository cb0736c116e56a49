using Akka.Actor;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Host.Tests;

/// <summary>The real daemon process over real Akka.Remote on loopback, with the real engine (ctags, SQLite, ripgrep).</summary>
[Trait("Category", "Slow")]
public sealed class DaemonProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = Directory.CreateTempSubdirectory("ragex-tree-").FullName;
    private ActorSystem client = null!;

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(tree, "module.py"), "def alpha():\n    return 1\n");
        client = DaemonConnection.CreateClientSystem();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Indexes_and_searches_over_remoting_and_survives_a_failing_request()
    {
        using var daemon = await DaemonProcess.StartAsync(home);
        var daemonRef = client.ActorSelection(daemon.Endpoint.RequestsPath);

        var indexed = await daemonRef.Ask<object>(new IndexProject(tree, Embeddings: false), Timeout);
        Assert.Equal(1, Assert.IsType<ProjectIndexed>(indexed).Files);

        var failed = await daemonRef.Ask<object>(new SearchQuery(new SearchRequest("(", SearchMode.Regex), tree), Timeout);
        Assert.Contains("invalid regex", Assert.IsType<RequestFailed>(failed).Message, StringComparison.Ordinal);

        var reply = await daemonRef.Ask<object>(new SearchQuery(new SearchRequest("alpha", SearchMode.Symbol), tree), Timeout);
        var hit = Assert.Single(Assert.IsType<SearchReply>(reply).Hits);
        Assert.Equal(("module.py", 1), (hit.Path, hit.Line));
        Assert.False(daemon.Process.HasExited);

        var status = Assert.IsType<DaemonStatus>(await daemonRef.Ask<object>(new StatusQuery(), Timeout));
        Assert.Equal(daemon.Process.Id, status.ProcessId);
        Assert.Equal(tree, Assert.Single(status.Projects).Root);
    }

    [Fact]
    public async Task A_second_daemon_refuses_and_a_killed_one_is_replaced_with_its_projects_restored()
    {
        var first = await DaemonProcess.StartAsync(home);
        await client.ActorSelection(first.Endpoint.RequestsPath).Ask<object>(new IndexProject(tree, Embeddings: false), Timeout);

        using (var second = DaemonProcess.Launch(home))
        {
            await second.WaitForExitAsync();
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("already running", await second.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
        }

        first.Kill();
        File.WriteAllText(Path.Combine(tree, "beta.py"), "def beta():\n    pass\n");
        using var restarted = await DaemonProcess.StartAsync(home);
        Assert.NotEqual(first.Process.Id, restarted.Process.Id);
        first.Dispose();

        var daemonRef = client.ActorSelection(restarted.Endpoint.RequestsPath);
        var found = await DirectoryChanges.UntilAsync(
            home, async () => Assert.IsType<SearchReply>(await daemonRef.Ask<object>(new SearchQuery(new SearchRequest("beta", SearchMode.Symbol), tree), Timeout)),
            reply => reply.Hits.Count > 0, Timeout, _ => "beta.py, written while no daemon ran, was not indexed by the next one");

        Assert.Equal("beta.py", Assert.Single(found.Hits).Path);
    }

    [Fact]
    public async Task Three_repositories_are_watched_and_after_a_restart_all_three_still_are()
    {
        var repositories = Enumerable.Range(0, 3).Select(_ => Ragex.Core.Projects.RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-repo-").FullName)).ToList();
        try
        {
            foreach (var repository in repositories)
            {
                File.WriteAllText(Path.Combine(repository, "start.py"), "def start():\n    pass\n");
            }

            using (var daemon = await DaemonProcess.StartAsync(home))
            {
                var daemonRef = client.ActorSelection(daemon.Endpoint.RequestsPath);
                foreach (var repository in repositories)
                {
                    Assert.IsType<ProjectIndexed>(await daemonRef.Ask<object>(new IndexProject(repository, Embeddings: false), Timeout));
                }

                await EditEachAndFindAsync(daemonRef, repositories, "before_restart");
            }

            using var restarted = await DaemonProcess.StartAsync(home);
            await EditEachAndFindAsync(client.ActorSelection(restarted.Endpoint.RequestsPath), repositories, "after_restart");
        }
        finally
        {
            repositories.ForEach(r => Directory.Delete(r, recursive: true));
        }
    }

    [Fact]
    public async Task Sigterm_mid_embedding_stops_cleanly_and_the_next_daemon_finishes_the_index()
    {
        for (var i = 0; i < 60; i++)
        {
            File.WriteAllText(Path.Combine(tree, $"part_{i}.py"), string.Concat(Enumerable.Range(0, 3).Select(f =>
                $"def handler_{i}_{f}(request):\n    '''Handle request kind {f} of part {i}.'''\n    return request.value * {f}\n\n\n")));
        }

        // Batches of 4 chunks: the transformer tier commits 46 times, so the test sees it mid-way even when the daemon
        // runs ahead of a starved test process (with the shipped 64, three commits could all pass between two looks).
        File.WriteAllText(Path.Combine(home, "ragex.hocon"), "ragex.index.embedding-batch-size = 4\n");
        await DaemonProcess.WithLogOnFailureAsync(home, async () =>
        {
            var daemon = await DaemonProcess.StartAsync(home);
            var daemonRef = client.ActorSelection(daemon.Endpoint.RequestsPath);
            daemonRef.Tell(new IndexProject(tree, Embeddings: true));
            await WaitForAsync(daemonRef, p => p.Phase == IndexPhase.Embedding && p.PhaseDone > 0, "embedding never started");

            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", daemon.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            {
                await daemon.Process.WaitForExitAsync(exited.Token);
            }

            Assert.Equal(0, daemon.Process.ExitCode);
            Assert.False(File.Exists(Path.Combine(home, DaemonEndpoint.FileName)), "daemon.json left behind");
            daemon.Dispose();

            using var restarted = await DaemonProcess.StartAsync(home);
            var project = await WaitForAsync(
                client.ActorSelection(restarted.Endpoint.RequestsPath), p => p.State == ProjectState.Watching && p.IndexPercent == 100, "indexing did not resume");
            Assert.Equal((61L, 181L), (project.Files, project.Chunks)); // the 60 parts and module.py
        });
    }

    /// <summary>The project's status once it meets the condition, looked at again after each write to the daemon's home.</summary>
    private async Task<ProjectStatus> WaitForAsync(ActorSelection daemonRef, Func<ProjectStatus, bool> condition, string failure)
    {
        var status = await DirectoryChanges.UntilAsync(
            home, async () => Assert.IsType<DaemonStatus>(await daemonRef.Ask<object>(new StatusQuery(), Timeout)),
            s => s.Projects.FirstOrDefault() is { } project && condition(project), TimeSpan.FromSeconds(90), s => $"{failure}; last: {s.Projects.FirstOrDefault()}");
        return status.Projects[0];
    }

    private async Task EditEachAndFindAsync(ActorSelection daemonRef, IReadOnlyList<string> repositories, string prefix)
    {
        for (var i = 0; i < repositories.Count; i++)
        {
            File.WriteAllText(Path.Combine(repositories[i], $"{prefix}_{i}.py"), $"def {prefix}_{i}():\n    pass\n");
        }

        for (var i = 0; i < repositories.Count; i++)
        {
            var name = $"{prefix}_{i}";
            var query = new SearchQuery(new SearchRequest(name, SearchMode.Symbol) { Paths = [repositories[i]] }, "/");
            await DirectoryChanges.UntilAsync(
                home, async () => Assert.IsType<SearchReply>(await daemonRef.Ask<object>(query, Timeout)),
                reply => reply.Hits.Any(h => h.Symbol == name), Timeout, _ => $"{name} never became searchable in {repositories[i]}");
        }
    }

    public async Task DisposeAsync()
    {
        await client.Terminate();
        Directory.Delete(tree, recursive: true);
        Directory.Delete(home, recursive: true);
    }
}

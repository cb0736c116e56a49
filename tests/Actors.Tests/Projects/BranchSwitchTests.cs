using System.Diagnostics;
using Akka.Actor;
using Ragex.Actors.Projects;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Xunit.Abstractions;

namespace Ragex.Actors.Tests.Projects;

/// <summary>
/// A real git repository switched between two commits that differ in 1,200 files, under the real watcher, ctags and
/// SQLite: every search after the switch answers from the new tree within 30 s, and no reply calls the index fresh
/// while it still answers from the old one.
/// </summary>
[Trait("Category", "Slow")]
public sealed class BranchSwitchTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const int Files = 600;

    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public async Task After_a_git_checkout_of_1200_changed_files_searches_answer_from_the_new_tree_and_never_call_the_old_one_fresh()
    {
        Git("init", "-q", "-b", "main");
        WriteModules("old");
        Git("add", "-A");
        Git("commit", "-q", "-m", "old");
        Git("checkout", "-q", "-b", "next");
        Git("rm", "-q", "-r", "src");
        WriteModules("new");
        Git("add", "-A");
        Git("commit", "-q", "-m", "new");
        Git("checkout", "-q", "main");

        var services = RagexServices.Create(new ProjectRegistry(new RagexHome(home)), new EmbedderProvider(Path.Combine(home, "no-models")));
        var supervisor = TestSupervisor.Create(Sys, services);
        supervisor.Tell(new IndexProject(tree, Embeddings: false));
        ExpectMsg<ProjectIndexed>(TimeSpan.FromSeconds(60));
        Assert.True(Defines(await Search(services, "old_function_0007"), "old_function_0007"));

        using var commits = new IndexCommits(Sys);
        var switched = Stopwatch.StartNew();
        Git("checkout", "-q", "next");
        var replies = 0;

        // Asked right after the checkout and again after each commit of the runs it causes: no reply may call the old index fresh.
        await commits.UntilAsync(
            async () =>
            {
                var gone = await Search(services, "old_function_0007");
                var found = await Search(services, $"new_function_{Files - 1:0000}");
                replies += 2;
                var goneIsGone = !Defines(gone, "old_function_0007");
                var foundIsFound = Defines(found, $"new_function_{Files - 1:0000}");
                foreach (var (reply, current) in new[] { (gone, goneIsGone), (found, foundIsFound) })
                {
                    var state = Assert.Single(reply.Freshness).State;
                    Assert.False(
                        state == IndexState.Fresh && !current,
                        $"a reply {switched.ElapsedMilliseconds} ms after the switch called the old index fresh: {reply.Query} -> {string.Join(", ", reply.Hits.Select(h => $"{h.Path}:{h.Symbol}"))}");
                }

                return goneIsGone && foundIsFound && Assert.Single(found.Freshness).State == IndexState.Fresh;
            },
            caughtUp => caughtUp, TimeSpan.FromSeconds(30), "the new tree was not searchable within 30 s");

        output.WriteLine($"the new tree answered {switched.Elapsed.TotalSeconds:F1} s after the checkout ({replies} replies checked)");
        supervisor.Tell(new StatusQuery());
        var status = Assert.Single(ExpectMsg<DaemonStatus>(TimeSpan.FromSeconds(10)).Projects);
        Assert.Equal(Files, status.Files);
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private void WriteModules(string generation)
    {
        for (var i = 0; i < Files; i++)
        {
            var directory = Path.Combine(tree, "src", $"pkg{i % 20:00}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(
                Path.Combine(directory, $"{generation}_module_{i:0000}.py"),
                $"def {generation}_function_{i:0000}(value):\n    return value + {i}\n");
        }
    }

    /// <summary>Whether the reply has the definition itself (near-miss names of the other generation do not count).</summary>
    private static bool Defines(SearchReply reply, string name) => reply.Hits.Any(h => h.Symbol == name);

    private Task<SearchReply> Search(RagexServices services, string name) =>
        services.Search(new SearchQuery(new SearchRequest(name, SearchMode.Symbol) { Paths = [tree] }, tree), CancellationToken.None);

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = tree, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "ragex";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "ragex@localhost";
        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
    }
}

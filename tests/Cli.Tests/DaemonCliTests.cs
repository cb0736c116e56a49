using System.Diagnostics;
using System.Text.Json;
using Ragex.Core.Projects;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Tests;

/// <summary>
/// The real `ragex` binary against a real daemon it starts itself (real remoting, ctags, ripgrep, model and FAISS):
/// auto-start, every search mode, the same hits as --no-daemon, removal, and stop.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DaemonCliTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    public DaemonCliTests()
    {
        File.WriteAllText(Path.Combine(tree, "http_client.py"), """
            import json


            def parse_response_body(raw):
                '''Decode the JSON body of an HTTP response into a dictionary.'''
                return json.loads(raw.decode("utf-8"))


            class RetryPolicy:
                '''Decide how long to wait before retrying a failed request.'''

                def backoff_seconds(self, attempt):
                    return min(60, 2 ** attempt)
            """);
        File.WriteAllText(Path.Combine(tree, "storage.py"), """
            def write_file_atomically(path, data):
                '''Write to a temporary file, then rename it over the target so readers never see half a file.'''
                temporary = path + ".tmp"
                with open(temporary, "wb") as handle:
                    handle.write(data)
                import os
                os.replace(temporary, path)
            """);
    }

    [Fact]
    public void Commands_auto_start_the_daemon_answer_like_no_daemon_and_stop_it()
    {
        var indexed = Run("index", tree, "--json", "--wait-all");
        Assert.True(indexed.ExitCode == 0, indexed.Error);
        var endpoint = DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName));
        Assert.NotNull(endpoint);
        Assert.True(endpoint.IsAlive(), "no daemon after the first command");
        var summary = JsonDocument.Parse(indexed.Out).RootElement;
        Assert.Equal(summary.GetProperty("chunks").GetInt32(), summary.GetProperty("embedded_chunks").GetInt32());
        Assert.True(summary.GetProperty("chunks").GetInt32() >= 3);

        foreach (var (query, mode) in new[]
        {
            ("json\\.loads", "regex"), ("parse_response_body", "symbol"), ("backoff", "auto"),
            ("rename a temporary file over the target", "semantic"), ("retry a failed request", "hybrid"), ("temporary file", "keyword"),
        })
        {
            var viaDaemon = Run("search", query, tree, "--mode", mode, "--json");
            var inProcess = Run("--no-daemon", "search", query, tree, "--mode", mode, "--json");
            Assert.True(viaDaemon.ExitCode == 0, $"{mode} via the daemon: {viaDaemon.Error}");
            Assert.Equal(0, inProcess.ExitCode);
            Assert.Equal(Hits(inProcess.Out), Hits(viaDaemon.Out));
        }

        var status = Run("status", "--json");
        Assert.Equal(0, status.ExitCode);
        var daemon = JsonDocument.Parse(status.Out).RootElement;
        Assert.Equal(endpoint.ProcessId, daemon.GetProperty("process_id").GetInt32());
        Assert.Equal(tree, daemon.GetProperty("projects")[0].GetProperty("root").GetString());
        Assert.Equal(endpoint.ProcessId, DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName))!.ProcessId);

        Assert.Equal(0, Run("rm", tree).ExitCode);
        Assert.Equal(1, Run("ls").ExitCode);

        var stopped = Run("stop");
        Assert.Equal(0, stopped.ExitCode);
        Assert.False(endpoint.IsAlive(), "the daemon is still running after `ragex stop`");
        Assert.Equal(1, Run("stop").ExitCode);
    }

    [Fact]
    public void The_homes_ragex_hocon_applies_alike_with_and_without_the_daemon()
    {
        for (var i = 0; i < 8; i++)
        {
            File.WriteAllText(Path.Combine(tree, $"view_{i}.py"), $"def render(value):\n    return value + {i}\n\n\nprint(render({i}))\n");
        }

        File.WriteAllText(Path.Combine(home, "ragex.hocon"), "ragex.search.identifier-limit = 3\n");
        Assert.Equal(0, Run("index", tree, "--no-embeddings").ExitCode);

        var viaDaemon = Run("search", "render", tree, "--json");
        var inProcess = Run("--no-daemon", "search", "render", tree, "--json");

        Assert.True(viaDaemon.ExitCode == 0, viaDaemon.Error);
        Assert.Equal(3, JsonDocument.Parse(viaDaemon.Out).RootElement.GetProperty("hits").GetArrayLength());
        Assert.Equal(Hits(viaDaemon.Out), Hits(inProcess.Out));
        Assert.Equal(0, Run("stop").ExitCode);
    }

    [Fact]
    public void A_search_of_an_unindexed_path_offers_indexing_and_performs_it_with_index()
    {
        var offered = Run("search", "parse_response_body", tree);
        Assert.Equal(2, offered.ExitCode);
        Assert.Contains("--index", offered.Error, StringComparison.Ordinal);

        var searched = Run("search", "parse_response_body", tree, "--index", "--jsonl");
        Assert.True(searched.ExitCode == 0, searched.Error);
        Assert.Contains("http_client.py", searched.Out, StringComparison.Ordinal);
        Assert.Equal(0, Run("stop").ExitCode);
    }

    [Fact]
    public void Indexing_thousands_of_files_answers_with_their_count_and_the_first_parsed_paths()
    {
        for (var i = 0; i < 3000; i++)
        {
            File.WriteAllText(Path.Combine(tree, $"generated_module_with_a_fairly_long_name_{i:0000}.py"), $"def function_{i}():\n    return {i}\n");
        }

        var indexed = Run("index", tree, "--no-embeddings", "--json");

        Assert.True(indexed.ExitCode == 0, indexed.Error);
        var summary = JsonDocument.Parse(indexed.Out).RootElement;
        Assert.Equal(3002, summary.GetProperty("parsed").GetInt32());
        Assert.Equal(ProjectIndexed.FirstParsedPathsLimit, summary.GetProperty("first_parsed_paths").GetArrayLength());
    }

    [Fact]
    public void After_fifty_commands_the_daemon_log_has_one_line_per_index_run_and_no_error()
    {
        Assert.Equal(0, Run("index", tree, "--no-embeddings").ExitCode);
        string[][] commands =
        [
            ["search", "parse_response_body", tree], ["search", "json", tree, "--mode", "regex"], ["status"], ["ls"],
            ["search", "backoff_seconds", tree, "--mode", "symbol"], ["search", "no_such_name_anywhere", tree],
        ];
        for (var i = 0; i < 49; i++)
        {
            Assert.InRange(Run(commands[i % commands.Length]).ExitCode, 0, 1);
        }

        Assert.Equal(0, Run("stop").ExitCode);
        var log = string.Concat(Directory.GetFiles(Path.Combine(home, "logs"), "daemon-*.log").Order().Select(File.ReadAllText));
        Assert.DoesNotContain("[ERR]", log, StringComparison.Ordinal);
        var runs = log.Split('\n').Where(l => l.Contains("[INF] Indexed ", StringComparison.Ordinal)).ToList();
        Assert.Contains(tree, Assert.Single(runs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_whose_daemon_is_killed_says_so_in_one_line_and_exits_2()
    {
        for (var i = 0; i < 2000; i++)
        {
            File.WriteAllText(Path.Combine(tree, $"module_{i:0000}.py"), $"def function_{i}(value):\n    '''Scale the value by {i}.'''\n    return value * {i}\n");
        }

        // --wait-all: the client waits for the transformer tier, tens of seconds for these chunks.
        using var client = Process.Start(PublishedRagex.StartInfo(home, ["index", tree, "--wait-all"]))!;
        var error = client.StandardError.ReadToEndAsync();
        var endpointPath = Path.Combine(home, DaemonEndpoint.FileName);
        var index = new ProjectRegistry(new Ragex.Core.Configuration.RagexHome(home)).Describe(tree).DatabasePath;
        // Killed once it holds the request: it has begun writing the project's index.
        var endpoint = await DirectoryChanges.UntilAsync(
            home, () => File.Exists(index) ? DaemonEndpoint.TryRead(endpointPath) : null, e => e is not null, TimeSpan.FromMinutes(1),
            _ => "no daemon started indexing", client.WaitForExitAsync());
        Assert.False(client.HasExited, "indexing ended before the daemon could be killed");
        Process.GetProcessById(endpoint!.ProcessId).Kill();

        Assert.True(client.WaitForExit(TimeSpan.FromSeconds(10)), "the client still waits 10 s after its daemon died");
        Assert.Equal(2, client.ExitCode);
        Assert.Contains($"the daemon (pid {endpoint.ProcessId}) stopped", await error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName)) is { } endpoint && endpoint.IsAlive())
        {
            Process.GetProcessById(endpoint.ProcessId).Kill();
        }

        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private static string Hits(string json) => JsonDocument.Parse(json).RootElement.GetProperty("hits").GetRawText();

    private CliRun Run(params string[] args) => PublishedRagex.Run(PublishedRagex.StartInfo(home, args));
}

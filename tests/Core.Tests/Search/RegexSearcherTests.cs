using Ragex.Core;
using Ragex.Core.Configuration;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Tests.Support;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class RegexSearcherTests
{
    [Fact]
    public async Task Reads_lines_longer_than_its_buffer_and_every_hit_of_a_long_output()
    {
        using var directory = new TemporaryDirectory();
        var longLine = new string('x', 200_000) + "needle";
        directory.Write("a.txt", longLine + "\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"needle {i} é\n")));
        var project = new Project("p", directory.Path, directory.Combine(".data"));

        var hits = await new RegexSearcher().SearchAsync(new SearchScope(project, []), new SearchRequest("needle", SearchMode.Regex), CancellationToken.None);

        Assert.Equal(3_001, hits.Count);
        Assert.Equal((1, longLine.Length - 5), (hits[0].Line, hits[0].Column));
        Assert.Equal(("needle 2999 é", 3_001), (hits[^1].Preview, hits[^1].Line));
    }

    [Fact]
    public async Task Stops_one_match_past_the_limit()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("a.txt", string.Concat(Enumerable.Range(0, 100).Select(i => $"needle {i}\n")));
        var project = new Project("p", directory.Path, directory.Combine(".data"));

        var hits = await new RegexSearcher().SearchAsync(new SearchScope(project, []), new SearchRequest("needle", SearchMode.Regex) { Limit = 10 }, CancellationToken.None);

        Assert.Equal(11, hits.Count);
    }

    [Fact]
    public async Task The_engine_orders_hits_by_path_then_line_whatever_order_rg_finds_them_in()
    {
        using var directory = new TemporaryDirectory();
        var (engine, root) = RegexEngineOver(directory, Enumerable.Range(0, 40).Select(file => $"{(char)('z' - (file % 26))}{file}/f.txt"), lines: 30, everyNth: 3);

        var reply = await engine.SearchAsync(new SearchRequest("needle", SearchMode.Regex), root, CancellationToken.None);

        var found = reply.Hits.Select(h => (h.Path, h.Line)).ToList();
        Assert.Equal(400, found.Count);
        Assert.Equal(found.OrderBy(h => h.Path, StringComparer.Ordinal).ThenBy(h => h.Line), found);
    }

    [Fact]
    public async Task A_streamed_search_hands_over_the_hits_the_engine_returns_and_stops_at_the_limit()
    {
        using var directory = new TemporaryDirectory();
        var (engine, root) = RegexEngineOver(directory, Enumerable.Range(0, 20).Select(file => $"d{file}/f.txt"), lines: 10, everyNth: 2);
        var request = new SearchRequest("needle", SearchMode.Regex);

        var streamed = new List<SearchHit>();
        var whole = await engine.StreamRegexAsync(request, root, streamed.Add, CancellationToken.None);
        var limited = new List<SearchHit>();
        var cut = await engine.StreamRegexAsync(request with { Limit = 7 }, root, limited.Add, CancellationToken.None);

        var sorted = await engine.SearchAsync(request, root, CancellationToken.None);
        Assert.Equal(sorted.Hits.Select(h => (h.Path, h.Line)), streamed.OrderBy(h => h.Path, StringComparer.Ordinal).ThenBy(h => h.Line).Select(h => (h.Path, h.Line)));
        Assert.Equal((100, false, 7, true), (streamed.Count, whole.Truncated, limited.Count, cut.Truncated));
        Assert.Empty(whole.Hits);
    }

    [Fact]
    public async Task A_whole_word_identifier_finds_what_ripgreps_word_flag_finds()
    {
        using var directory = new TemporaryDirectory();
        var lines = new[]
        {
            "urlparse(x)", "my_urlparse(x)", "urlparse2 = 1", "xurlparse", "éurlparse", "urlparseé", "a.urlparse", "(urlparse)",
            "Urlparse", "urlparse", "-urlparse-", "_urlparse",
        };
        directory.Write("a.py", string.Join("\n", lines) + "\n");
        var project = new Project("p", directory.Path, directory.Combine(".data"));
        var request = new SearchRequest("urlparse", SearchMode.Regex) { FixedStrings = true, WordRegexp = true };

        var hits = await new RegexSearcher().SearchAsync(new SearchScope(project, []), request, CancellationToken.None);

        Assert.DoesNotContain("--word-regexp", RipgrepArguments.For(new SearchScope(project, []), request));
        Assert.Equal(["urlparse(x)", "a.urlparse", "(urlparse)", "urlparse", "-urlparse-"], hits.Select(h => h.Preview));
        Assert.Equal([1, 3, 2, 1, 2], hits.Select(h => h.Column));
    }

    [Fact]
    public async Task A_cancelled_search_leaves_no_ripgrep_behind()
    {
        using var directory = new TemporaryDirectory();
        var pidFile = directory.Combine("rg.pid");
        // Fault injection: an rg that never answers.
        var hangingRipgrep = Executable(directory, "hanging-rg", $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 60\n");

        var project = new Project("p", directory.Path, directory.Combine(".data"));
        using var cancellation = new CancellationTokenSource();

        var search = new RegexSearcher(hangingRipgrep).SearchAsync(new SearchScope(project, []), new SearchRequest("x", SearchMode.Regex), cancellation.Token);
        Assert.True(SpinWait.SpinUntil(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), TimeSpan.FromSeconds(10)), "rg never started");

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => search);
        Assert.True(SpinWait.SpinUntil(() => !IsRunning(pid), TimeSpan.FromSeconds(5)), $"rg (pid {pid}) still runs");
    }

    [Fact]
    public async Task Output_that_arrives_in_pieces_is_read_whole_and_its_file_removed()
    {
        using var directory = new TemporaryDirectory();
        var written = directory.Combine("written-to");
        // Fault injection: an rg that says where its output goes, stops in the middle of a line, then finishes it.
        var slowRipgrep = Executable(directory, "slow-rg", $$$$"""
            #!/bin/sh
            target=$(readlink /proc/$$/fd/1); echo "$target" > '{{{{written}}}}'
            printf '{"type":"begin","data":{"path":{"text":"a.txt"}}}\n{"type":"match","data":{"path":{"text":"a.txt"},"lines":{"text":"one needle\\r\\n"},'
            sleep 0.2
            printf '"line_number":7,"absolute_offset":0,"submatches":[{"match":{"text":"needle"},"start":4,"end":10}]}}\n{"type":"end","data":{}}\n'
            """);

        var project = new Project("p", directory.Path, directory.Combine(".data"));

        var hits = await new RegexSearcher(slowRipgrep).SearchAsync(new SearchScope(project, []), new SearchRequest("needle", SearchMode.Regex), CancellationToken.None);

        var hit = Assert.Single(hits);
        Assert.Equal(("a.txt", 7, 5, "one needle"), (hit.Path, hit.Line, hit.Column, hit.Preview));
        Assert.Equal([new MatchSpan(4, 6)], hit.Spans);
        var outputFile = File.ReadAllText(written).Trim();
        Assert.StartsWith("ragex-", Path.GetFileName(outputFile), StringComparison.Ordinal);
        Assert.False(File.Exists(outputFile), $"{outputFile} is left");
    }

    [Fact]
    public async Task A_hit_that_cannot_be_handed_over_stops_ripgrep()
    {
        using var directory = new TemporaryDirectory();
        var pidFile = directory.Combine("rg.pid");
        // Fault injection: an rg that finds one line, then goes on for a minute.
        var longRipgrep = Executable(directory, "long-rg", $$$$"""
            #!/bin/sh
            echo $$ > '{{{{pidFile}}}}'
            printf '{"type":"begin","data":{"path":{"text":"a.txt"}}}\n{"type":"match","data":{"path":{"text":"a.txt"},"lines":{"text":"needle\\n"},"line_number":1,"absolute_offset":0,"submatches":[]}}\n{"type":"begin","data":{"path":{"text":"b.txt"}}}\n'
            exec sleep 60
            """);

        var project = new Project("p", directory.Path, directory.Combine(".data"));

        await Assert.ThrowsAsync<IOException>(() => new RegexSearcher(longRipgrep).StreamAsync(
            new SearchScope(project, []), new SearchRequest("needle", SearchMode.Regex), _ => throw new IOException("output closed"), CancellationToken.None));

        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(SpinWait.SpinUntil(() => !IsRunning(pid), TimeSpan.FromSeconds(5)), $"rg (pid {pid}) still runs");
    }

    [Fact]
    public async Task A_missing_ripgrep_says_how_to_install_it()
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine(".data"));

        var error = await Assert.ThrowsAsync<RagexException>(() =>
            new RegexSearcher(directory.Combine("no-rg-here")).SearchAsync(new SearchScope(project, []), new SearchRequest("x", SearchMode.Regex), CancellationToken.None));

        Assert.Contains("not found; run scripts/setup to install ripgrep", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A script the searcher runs in place of rg (fault injection).</summary>
    private static string Executable(TemporaryDirectory directory, string name, string script)
    {
        var path = directory.Write(name, script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>A registered project of <paramref name="files"/>, each with "needle" on every nth of its lines, and a regex engine.</summary>
    private static (SearchEngine Engine, string Root) RegexEngineOver(TemporaryDirectory directory, IEnumerable<string> files, int lines, int everyNth)
    {
        var root = directory.Combine("repo");
        foreach (var file in files)
        {
            directory.Write($"repo/{file}", string.Concat(Enumerable.Range(0, lines).Select(i => i % everyNth == 0 ? "needle\n" : "hay\n")));
        }

        var registry = new ProjectRegistry(new RagexHome(directory.Combine("home")));
        registry.Register(root);
        return (new SearchEngine(registry, new Dictionary<SearchMode, ISearcher> { [SearchMode.Regex] = new RegexSearcher() }, new RankingOptions()), root);
    }

    /// <summary>Alive and not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z";
}

using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ragex.Cli.Tests;

/// <summary>The real tree (Debian's /usr/lib/python3.11), real ctags, real ripgrep.</summary>
[Trait("Category", "Slow")]
public sealed class StdlibIntegrationTests(StdlibIndexFixture stdlib, ITestOutputHelper output) : IClassFixture<StdlibIndexFixture>
{
    [Fact]
    public void Indexing_the_stdlib_reports_files_symbols_and_time()
    {
        Assert.Equal(0, stdlib.IndexRun.ExitCode);
        using var summary = JsonDocument.Parse(stdlib.IndexRun.Out);
        var files = summary.RootElement.GetProperty("files").GetInt32();
        var symbols = summary.RootElement.GetProperty("symbols").GetInt32();
        output.WriteLine($"indexed {StdlibIndexFixture.Corpus}: {files} files, {symbols} symbols in {stdlib.IndexSeconds:0.00} s");
        Assert.InRange(files, 600, 2000);
        Assert.True(symbols > 10_000, $"only {symbols} symbols");
        Assert.True(summary.RootElement.GetProperty("seconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Regex_search_returns_the_same_lines_as_ripgrep_with_the_same_flags()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "search", "-F", "def urlparse", "--mode", "regex", "--json");
        Assert.Equal(0, run.ExitCode);
        using var reply = JsonDocument.Parse(run.Out);
        var ours = reply.RootElement.GetProperty("hits").EnumerateArray()
            .Select(h => (Path.Combine(h.GetProperty("root").GetString()!, h.GetProperty("path").GetString()!), h.GetProperty("line").GetInt32()))
            .ToHashSet();

        var theirs = RipgrepMatches(StdlibIndexFixture.Corpus, "--json", "-F", "def urlparse");

        Assert.NotEmpty(theirs);
        Assert.Equal(theirs.OrderBy(t => t).ToList(), ours.OrderBy(t => t).ToList());
    }

    [Fact]
    public async Task Regex_search_with_word_ignore_case_and_type_matches_ripgrep_too()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "search", "-i", "-w", "-t", "py", "urlsplit|urlunsplit", "--mode", "regex", "--json");
        using var reply = JsonDocument.Parse(run.Out);
        var ours = reply.RootElement.GetProperty("hits").EnumerateArray()
            .Select(h => (Path.Combine(h.GetProperty("root").GetString()!, h.GetProperty("path").GetString()!), h.GetProperty("line").GetInt32()))
            .ToHashSet();

        var theirs = RipgrepMatches(StdlibIndexFixture.Corpus, "--json", "-i", "-w", "-t", "py", "urlsplit|urlunsplit");

        Assert.True(theirs.Count > 10, $"rg found only {theirs.Count}");
        Assert.Equal(theirs.OrderBy(t => t).ToList(), ours.OrderBy(t => t).ToList());
    }

    [Fact]
    public async Task Symbol_search_puts_the_definition_of_urlparse_first()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "search", "urlparse", "--mode", "symbol", "--json");

        Assert.Equal(0, run.ExitCode);
        using var reply = JsonDocument.Parse(run.Out);
        var first = reply.RootElement.GetProperty("hits")[0];
        Assert.Equal("urllib/parse.py", first.GetProperty("path").GetString());
        Assert.Equal(374, first.GetProperty("line").GetInt32());
        Assert.Equal("function", first.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_bare_identifier_prints_its_definition_then_only_lines_that_use_it_in_twenty_lines_at_most()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, StdlibIndexFixture.Corpus, "search", "urlparse");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.InRange(lines.Length, 2, 20);
        Assert.StartsWith("urllib/parse.py:374:", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.Contains("urlparse", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bare_identifier_with_related_adds_chunks_after_the_lines_that_use_it()
    {
        var plain = await CliRun.InvokeAsync(stdlib.Home, StdlibIndexFixture.Corpus, "search", "urlparse", "--limit", "200", "--jsonl");
        var related = await CliRun.InvokeAsync(stdlib.Home, StdlibIndexFixture.Corpus, "search", "urlparse", "--limit", "200", "--jsonl", "--related");

        var plainModes = JsonLinesHits(plain.Out).Select(h => h.GetProperty("mode").GetString()).ToList();
        var relatedModes = JsonLinesHits(related.Out).Select(h => h.GetProperty("mode").GetString()).ToList();
        Assert.DoesNotContain(plainModes, m => m is "hybrid" or "keyword");
        Assert.Contains(relatedModes, m => m is "hybrid" or "keyword");
        Assert.Equal(plainModes.Count, relatedModes.FindIndex(m => m is "hybrid" or "keyword"));
    }

    [Fact]
    public async Task A_question_s_hits_each_show_a_line_holding_one_of_its_words_when_the_chunk_has_one()
    {
        var misses = new List<string>();
        foreach (var query in DevQuestions.Queries())
        {
            var run = await CliRun.InvokeAsync(stdlib.Home, StdlibIndexFixture.Corpus, "search", query, "--json");
            using var reply = JsonDocument.Parse(run.Out);
            var stems = Ragex.Core.Search.KeywordQuery.Terms(query).Select(Ragex.Core.Search.QueryWords.Stem).ToList();
            bool HasWord(string line) => stems.Any(s => line.Contains(s, StringComparison.OrdinalIgnoreCase));
            foreach (var hit in reply.RootElement.GetProperty("hits").EnumerateArray())
            {
                var path = hit.GetProperty("path").GetString()!;
                var start = hit.TryGetProperty("start_line", out var first) ? first.GetInt32() : hit.GetProperty("line").GetInt32();
                var span = File.ReadLines(Path.Combine(StdlibIndexFixture.Corpus, path)).Skip(start - 1).Take(hit.GetProperty("end_line").GetInt32() - start + 1);
                if (span.Any(HasWord) && !HasWord(hit.GetProperty("preview").GetString()!))
                {
                    misses.Add($"{query}: {path}:{hit.GetProperty("line").GetInt32()}: {hit.GetProperty("preview").GetString()}");
                }
            }
        }

        Assert.Empty(misses);
    }

    [Fact]
    public async Task A_chunk_hit_prints_its_symbol_and_span_and_the_whole_chunk_with_full_section()
    {
        var query = "split a URL into scheme, network location, path and query";
        var brief = await CliRun.InvokeAsync(stdlib.Home, StdlibIndexFixture.Corpus, "search", query, "--limit", "1", "--mode", "keyword");
        var full = await CliRun.InvokeAsync(stdlib.Home, StdlibIndexFixture.Corpus, "search", query, "--limit", "1", "--mode", "keyword", "--full-section", "--json");

        using var reply = JsonDocument.Parse(full.Out);
        var hit = reply.RootElement.GetProperty("hits")[0];
        var (start, end) = (hit.GetProperty("start_line").GetInt32(), hit.GetProperty("end_line").GetInt32());
        Assert.Matches($@"^\S+:{hit.GetProperty("line").GetInt32()}:\d+:.*  \[\S* ?{start}-{end}\]\n$", brief.Out);
        var shown = hit.GetProperty("before").GetArrayLength() + 1 + hit.GetProperty("after").GetArrayLength();
        Assert.InRange(shown, 2, end - start + 1);
        Assert.Equal(start, hit.GetProperty("before").GetArrayLength() > 0 ? hit.GetProperty("before")[0].GetProperty("line").GetInt32() : hit.GetProperty("line").GetInt32());
    }

    private static List<JsonElement> JsonLinesHits(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("type").GetString() == "match")];

    [Fact]
    public async Task Auto_mode_says_which_mode_it_chose()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "search", "urlparse", "--json");

        using var reply = JsonDocument.Parse(run.Out);
        Assert.Equal("auto", reply.RootElement.GetProperty("requested_mode").GetString());
        Assert.Equal("symbol", reply.RootElement.GetProperty("mode").GetString());
        Assert.Equal("bare identifier", reply.RootElement.GetProperty("mode_reason").GetString());
    }

    [Fact]
    public async Task Fuzzy_symbol_search_finds_a_misspelled_name()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "search", "urlprase", "--mode", "symbol", "--json", "--kind", "function");

        using var reply = JsonDocument.Parse(run.Out);
        Assert.Contains(reply.RootElement.GetProperty("hits").EnumerateArray(), h => h.GetProperty("symbol").GetString() == "urlparse");
    }

    [Fact]
    public async Task A_second_index_with_no_changes_reparses_nothing()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "index", StdlibIndexFixture.Corpus, "--json", "--no-embeddings");

        using var summary = JsonDocument.Parse(run.Out);
        Assert.Equal(0, summary.RootElement.GetProperty("parsed").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("deleted").GetInt32());
    }

    [Fact]
    public async Task Search_scoped_to_a_path_only_returns_hits_under_it()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "search", "import", "--mode", "regex", "--json", "--path", StdlibIndexFixture.Corpus + "/json");

        using var reply = JsonDocument.Parse(run.Out);
        var paths = reply.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("path").GetString()!).ToList();
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.StartsWith("json/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listing_shows_the_project_with_its_counts()
    {
        var run = await CliRun.InvokeAsync(stdlib.Home, "/", "ls", "--json");

        using var list = JsonDocument.Parse(run.Out);
        var project = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal(StdlibIndexFixture.Corpus, project.GetProperty("root").GetString());
        Assert.True(project.GetProperty("symbols").GetInt64() > 10_000);
    }

    private static HashSet<(string, int)> RipgrepMatches(string directory, params string[] args)
    {
        var startInfo = new ProcessStartInfo("rg") { WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo)!;
        var matches = new HashSet<(string, int)>();
        while (process.StandardOutput.ReadLine() is { } line)
        {
            using var message = JsonDocument.Parse(line);
            if (message.RootElement.GetProperty("type").GetString() == "match")
            {
                var data = message.RootElement.GetProperty("data");
                matches.Add((Path.Combine(directory, data.GetProperty("path").GetProperty("text").GetString()!), data.GetProperty("line_number").GetInt32()));
            }
        }

        process.WaitForExit();
        return matches;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ragex.Cli.Mcp;
using Xunit.Abstractions;

namespace Ragex.Cli.Tests;

/// <summary>
/// Issue 17's must-show on a real tree: the official MCP TypeScript SDK client (tests/mcp-client/call-ragex-mcp.mjs)
/// calls the published `ragex mcp` over Debian's Python 3.11 standard library, and the answers are judged here: a
/// search_code page stays within its token budget and its cursor continues the same ranking, read_code returns the whole
/// definition around a line, and find_references lists uses but not the definition.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class McpStdlibTests(StdlibIndexFixture stdlib, ITestOutputHelper output) : IClassFixture<StdlibIndexFixture>
{
    private const string ParsePy = "urllib/parse.py";

    [Fact]
    public async Task Search_code_pages_of_500_tokens_continue_through_the_cursor_as_the_first_hits_of_one_larger_answer()
    {
        Assert.Equal(0, stdlib.IndexRun.ExitCode);
        var search = new JsonObject { ["query"] = "urlparse|urlsplit", ["mode"] = "regex", ["limit"] = 200 };
        var answers = await CallAsync(
            ("search_code", With(search, new JsonObject { ["max_tokens"] = 500 })),
            ("search_code", With(search, new JsonObject { ["max_tokens"] = 500, ["cursor"] = "$cursor:0" })),
            ("search_code", With(search, new JsonObject { ["max_tokens"] = 40_000, ["format"] = "json" })));
        var (first, second, big) = (answers[0], answers[1], answers[2]);
        output.WriteLine(first);
        output.WriteLine(second);

        Assert.StartsWith("# search_code · mode regex (requested) · root " + StdlibIndexFixture.Corpus, first, StringComparison.Ordinal);
        foreach (var page in new[] { first, second })
        {
            Assert.True(TokenCounter.Count(page) <= 500, $"{TokenCounter.Count(page)} tokens > 500:\n{page}");
        }

        Assert.NotNull(NextCursor(first));

        var (firstHits, secondHits) = (CompactHits(first), CompactHits(second));
        Assert.True(firstHits.Count > 1, first);
        Assert.NotEmpty(secondHits);
        Assert.Empty(firstHits.Intersect(secondHits));

        using var json = JsonDocument.Parse(big);
        var ranking = json.RootElement.GetProperty("hits").EnumerateArray()
            .Select(h => (h.GetProperty("file").GetString()!, h.GetProperty("start_line").GetInt32())).ToList();
        Assert.True(ranking.Count >= firstHits.Count + secondHits.Count, $"one larger answer has only {ranking.Count} hits");
        Assert.Equal(ranking.Take(firstHits.Count + secondHits.Count), [.. firstHits, .. secondHits]);
        Assert.All(ranking, hit => Assert.Matches("urlparse|urlsplit", File.ReadLines(hit.Item1).ElementAt(hit.Item2 - 1)));
    }

    [Fact]
    public async Task Read_code_inside_urlparse_returns_its_whole_definition_numbered()
    {
        var file = File.ReadAllLines(Path.Combine(StdlibIndexFixture.Corpus, ParsePy));
        var start = Array.FindIndex(file, l => l.StartsWith("def urlparse(", StringComparison.Ordinal)) + 1;
        var end = LastLineOfTopLevelDefinition(file, start);
        Assert.InRange(380, start + 1, end);

        var answer = (await CallAsync(("read_code", new JsonObject { ["file"] = ParsePy, ["line"] = 380 })))[0];
        output.WriteLine(answer);

        Assert.StartsWith($"# {ParsePy}:{start}-{end} [function urlparse]", answer, StringComparison.Ordinal);
        var numbered = answer.Split('\n').Select(l => NumberedLine().Match(l)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value)).ToList();
        Assert.Equal(Enumerable.Range(start, end - start + 1).Select(n => (n, file[n - 1])), numbered);
    }

    [Fact]
    public async Task Find_references_lists_the_uses_of_urlsplit_in_urllib_parse_and_not_its_definition()
    {
        var file = File.ReadAllLines(Path.Combine(StdlibIndexFixture.Corpus, ParsePy));
        var definition = Array.FindIndex(file, l => l.StartsWith("def urlsplit(", StringComparison.Ordinal)) + 1;
        var calls = Enumerable.Range(1, file.Length).Where(n => n != definition && Call().IsMatch(file[n - 1])).ToList();
        Assert.True(definition > 0 && calls.Count > 1, $"def urlsplit at {definition}, calls at {string.Join(",", calls)}");

        var answers = await CallAsync(
            ("find_references", new JsonObject { ["name"] = "urlsplit" }),
            ("find_references", new JsonObject { ["name"] = "urlsplit", ["limit"] = 1000, ["max_tokens"] = 40_000, ["format"] = "json" }));
        output.WriteLine(answers[0]);

        Assert.StartsWith("# find_references", answers[0], StringComparison.Ordinal);
        Assert.Contains($"\n{ParsePy}:\n", answers[0], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(answers[1]);
        var inParsePy = json.RootElement.GetProperty("hits").EnumerateArray()
            .Where(h => h.GetProperty("file").GetString() == Path.Combine(StdlibIndexFixture.Corpus, ParsePy))
            .Select(h => h.GetProperty("start_line").GetInt32()).ToList();
        Assert.DoesNotContain(definition, inParsePy);
        Assert.All(calls, n => Assert.Contains(n, inParsePy));
        Assert.All(inParsePy, n => Assert.Contains("urlsplit", file[n - 1], StringComparison.Ordinal));
    }

    /// <summary>
    /// The last line of the top-level definition starting at <paramref name="start"/> (1-based): the last non-blank line
    /// before the next line that starts a top-level statement (a non-blank line at column 0 that is not a comment).
    /// </summary>
    private static int LastLineOfTopLevelDefinition(string[] file, int start)
    {
        var last = start;
        for (var n = start + 1; n <= file.Length; n++)
        {
            var line = file[n - 1];
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line[0] != '#')
            {
                break;
            }

            if (line.Trim().Length > 0)
            {
                last = n;
            }
        }

        return last;
    }

    /// <summary>Calls the tools in one MCP session through the official client and returns the answers' texts.</summary>
    private async Task<string[]> CallAsync(params (string Name, JsonObject Arguments)[] calls)
    {
        var list = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["arguments"] = c.Arguments })]);
        var callsFile = Path.Combine(stdlib.Home, $"calls-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(callsFile, list.ToJsonString());
        var (exitCode, stdout, stderr) = await McpClientDriver.RunScriptAsync(stdlib.Home, "call-ragex-mcp.mjs", callsFile, StdlibIndexFixture.Corpus);
        Assert.True(exitCode == 0, $"the MCP client exited {exitCode}:{Environment.NewLine}{stdout}{stderr}");
        using var answers = JsonDocument.Parse(stdout);
        return [.. answers.RootElement.EnumerateArray().Select((a, i) =>
        {
            var text = a.GetProperty("text").GetString()!;
            Assert.False(a.GetProperty("isError").GetBoolean(), $"{calls[i].Name} {calls[i].Arguments.ToJsonString()} failed: {text}");
            return text;
        })];
    }

    private static JsonObject With(JsonObject common, JsonObject more)
    {
        var merged = (JsonObject)common.DeepClone();
        foreach (var (key, value) in more)
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static string? NextCursor(string compact) =>
        compact.Split('\n').FirstOrDefault(l => l.StartsWith("next_cursor: ", StringComparison.Ordinal))?.Split(' ')[1];

    /// <summary>The (absolute file, line) of each hit line of a compact answer, in order.</summary>
    private static List<(string, int)> CompactHits(string compact) =>
        [.. compact.Split('\n').Select(l => CompactHit().Match(l)).Where(m => m.Success)
            .Select(m => (Path.Combine(StdlibIndexFixture.Corpus, m.Groups[1].Value), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^([^#\s][^:]*):(\d+): ")]
    private static partial Regex CompactHit();

    [GeneratedRegex(@"^\s*(\d+)\| ?(.*)$")]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"\burlsplit\(")]
    private static partial Regex Call();
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Ragex.Cli.Mcp;
using Ragex.Core;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Tests;

/// <summary>The MCP answers' token budget, pages and clipping, on made-up rankings and spans (no index, no server).</summary>
public sealed partial class McpAnswerTests
{
    private const string Fingerprint = "0123456789ab";

    /// <summary>200 hits of uneven size: short lines, long lines, non-ASCII text, a few with context lines.</summary>
    private static SearchReply Ranking()
    {
        var hits = Enumerable.Range(1, 200).Select(i => new SearchHit(
            "/repo", $"src/module{i % 7}/file{i}.cs", i, 1, i + i % 5, "method", $"Method{i}",
            $"public void Method{i}() => {string.Concat(Enumerable.Repeat($"Call{i}(é, \"ü\"); ", i % 13 == 0 ? 120 : i % 4))}",
            1.0 - i / 1000.0, SearchMode.Hybrid)
        {
            Before = i % 9 == 0 ? [new ContextLine(i - 1, "// the line before")] : [],
        });
        return new SearchReply("q", SearchMode.Auto, SearchMode.Hybrid, "natural language", [.. hits], 1) { Truncated = true, Notes = ["static tier only"] };
    }

    [Fact]
    public void Counts_tokens_with_the_o200k_base_encoding()
    {
        Assert.Equal(2, TokenCounter.Count("hello world"));
        Assert.True(TokenCounter.Count(string.Concat(Enumerable.Repeat("x = 1\n", 100))) > 100);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(250)]
    [InlineData(1_000)]
    [InlineData(2_000)]
    public void No_answer_exceeds_its_budget_and_walking_the_cursors_shows_every_hit_once_in_order(int maxTokens)
    {
        var reply = Ranking();
        foreach (IHitFormat format in new IHitFormat[] { new CompactHitFormat(), new JsonHitFormat() })
        {
            var shown = new List<int>();
            var offset = 0;
            for (var pages = 0; pages < 400; pages++)
            {
                var answer = HitPager.Answer("search_code", reply, offset, 200, maxTokens, format, Fingerprint);
                Assert.True(TokenCounter.Count(answer) <= maxTokens, $"{format.GetType().Name} page at {offset}: {TokenCounter.Count(answer)} tokens > {maxTokens}");
                shown.AddRange(format is JsonHitFormat ? JsonLines(answer) : CompactLines(answer));
                if (NextCursor(answer, format) is not { } cursor)
                {
                    break;
                }

                offset = PageCursor.OffsetIn(cursor, Fingerprint);
            }

            Assert.Equal(Enumerable.Range(1, 200), shown);
        }
    }

    [Fact]
    public void Pages_through_the_cursor_are_the_first_hits_of_one_larger_page()
    {
        var reply = Ranking();
        var format = new JsonHitFormat();

        var first = HitPager.Answer("search_code", reply, 0, 10, 20_000, format, Fingerprint);
        var second = HitPager.Answer("search_code", reply, PageCursor.OffsetIn(NextCursor(first, format), Fingerprint), 10, 20_000, format, Fingerprint);
        var both = HitPager.Answer("search_code", reply, 0, 20, 20_000, format, Fingerprint);

        Assert.Equal(JsonLines(both), [.. JsonLines(first), .. JsonLines(second)]);
        Assert.Equal(Enumerable.Range(1, 20), JsonLines(both));
    }

    [Fact]
    public void A_hit_larger_than_the_budget_is_shown_shortened_rather_than_not_at_all()
    {
        var huge = new SearchHit("/repo", "min.js", 1, 1, 1, "match", null, string.Concat(Enumerable.Repeat("a=b+c;", 5_000)), 0, SearchMode.Regex);
        var reply = new SearchReply("a=b", SearchMode.Regex, SearchMode.Regex, "requested", [huge], 1);

        var answer = HitPager.Answer("search_code", reply, 0, 20, 100, new CompactHitFormat(), Fingerprint);

        Assert.True(TokenCounter.Count(answer) <= 100);
        Assert.Contains("min.js:1: a=b+c;", answer, StringComparison.Ordinal);
        Assert.Contains("…", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("r1.0123456789ab.x")]
    [InlineData("garbage")]
    [InlineData("r1.0123456789ab.0")]
    public void A_malformed_cursor_is_refused(string cursor)
    {
        var error = Assert.Throws<RagexException>(() => PageCursor.OffsetIn(cursor, Fingerprint));
        Assert.StartsWith("invalid cursor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cursor_of_another_query_is_refused()
    {
        var cursor = new PageCursor(PageCursor.FingerprintOf("search_code", "one query"), 20).ToString();

        var error = Assert.Throws<RagexException>(() => PageCursor.OffsetIn(cursor, PageCursor.FingerprintOf("search_code", "another query")));

        Assert.Contains("belongs to another query", error.Message, StringComparison.Ordinal);
        Assert.Equal(20, PageCursor.OffsetIn(cursor, PageCursor.FingerprintOf("search_code", "one query")));
    }

    [Fact]
    public void A_long_definition_is_clipped_to_the_budget_and_continues_from_the_start_line_it_names()
    {
        var lines = Enumerable.Range(1, 300).Select(i => $"    total += Compute(value{i}, \"step {i}\");").ToList();
        var span = new CodeSpan("/repo", "src/long.cs", 101, 400, "method", "Run", lines);
        var numbers = new List<int>();
        int? start = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var answer = CodeAnswer.Render(span, start, 500);
            Assert.True(TokenCounter.Count(answer) <= 500);
            Assert.StartsWith("# src/long.cs:101-400 [method Run]", answer, StringComparison.Ordinal);
            numbers.AddRange(NumberedLine().Matches(answer).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
            if (ContinueAt().Match(answer) is not { Success: true } clipped)
            {
                break;
            }

            start = int.Parse(clipped.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(Enumerable.Range(101, 300), numbers);
    }

    [Fact]
    public void A_definition_that_fits_is_returned_whole_with_line_numbers()
    {
        var span = new CodeSpan("/repo", "a.py", 9, 10, "function", "f", ["def f():", "    return 1"]);

        Assert.Equal("# a.py:9-10 [function f] · root /repo\n 9| def f():\n10|     return 1\n", CodeAnswer.Render(span, null, 2_000));
    }

    private static IEnumerable<int> JsonLines(string answer) =>
        JsonDocument.Parse(answer).RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("start_line").GetInt32());

    private static IEnumerable<int> CompactLines(string answer) =>
        CompactHit().Matches(answer).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private static string? NextCursor(string answer, IHitFormat format) => format is JsonHitFormat
        ? JsonDocument.Parse(answer).RootElement.TryGetProperty("next_cursor", out var cursor) ? cursor.GetString() : null
        : answer.Split('\n').FirstOrDefault(l => l.StartsWith("next_cursor: ", StringComparison.Ordinal))?.Split(' ')[1];

    [GeneratedRegex(@"^src/module\d/file\d+\.cs:(\d+)(?:-\d+)?: ", RegexOptions.Multiline)]
    private static partial Regex CompactHit();

    [GeneratedRegex(@"^\s*(\d+)\| ", RegexOptions.Multiline)]
    private static partial Regex NumberedLine();

    [GeneratedRegex(@"start_line (\d+) to continue")]
    private static partial Regex ContinueAt();
}

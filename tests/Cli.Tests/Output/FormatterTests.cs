using System.Text.Json;
using Ragex.Cli.Output;
using Ragex.Protocol;

namespace Ragex.Cli.Tests.Output;

public sealed class FormatterTests
{
    private static readonly SearchHit First = new("/repo", "src/a.py", 2, 5, 2, "match", null, "two needle", 1.0, SearchMode.Regex)
    {
        Before = [new ContextLine(1, "one")],
        After = [new ContextLine(3, "three")],
        Spans = [new MatchSpan(4, 6)],
    };

    private static readonly SearchHit Second = new("/repo", "src/a.py", 9, 1, 9, "match", null, "needle nine", 1.0, SearchMode.Regex)
    {
        Spans = [new MatchSpan(0, 6)],
    };

    private static readonly SearchReply Reply = new("needle", SearchMode.Auto, SearchMode.Regex, "regex metacharacters", [First, Second], 1.5);

    private static string Render(IHitFormatter formatter)
    {
        var writer = new StringWriter { NewLine = "\n" };
        formatter.Write(Reply, writer);
        return writer.ToString();
    }

    [Fact]
    public void Grep_format_prints_path_line_column_text_with_context_and_separators()
    {
        var text = Render(new GrepFormatter(color: false, currentDirectory: "/repo"));

        Assert.Equal("src/a.py-1-one\nsrc/a.py:2:5:two needle\nsrc/a.py-3-three\n--\nsrc/a.py:9:1:needle nine\n", text);
    }

    [Fact]
    public void Grep_format_prints_absolute_paths_outside_the_current_directory() =>
        Assert.StartsWith("/repo/src/a.py-1-one", Render(new GrepFormatter(false, "/elsewhere")), StringComparison.Ordinal);

    [Fact]
    public void Grep_format_colours_path_line_and_match_when_asked()
    {
        var text = Render(new GrepFormatter(color: true, currentDirectory: "/repo"));

        Assert.Contains("\u001b[35msrc/a.py\u001b[0m:\u001b[32m2\u001b[0m:5:two \u001b[1;31mneedle\u001b[0m", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Grep_format_with_a_heading_prints_each_path_once_above_its_lines_files_in_order_of_their_best_hit()
    {
        var other = new SearchHit("/repo", "src/b.py", 4, 1, 4, "match", null, "needle four", 1.0, SearchMode.Regex);
        var reply = Reply with { Hits = [Second, other, new SearchHit("/repo", "src/a.py", 12, 1, 12, "match", null, "needle twelve", 1.0, SearchMode.Regex)] };
        var writer = new StringWriter { NewLine = "\n" };

        new GrepFormatter(new GrepStyle(Color: false, Heading: true), "/repo").Write(reply, writer);

        Assert.Equal("src/a.py\n9:1:needle nine\n12:1:needle twelve\n\nsrc/b.py\n4:1:needle four\n", writer.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Grep_format_streamed_hit_by_hit_prints_what_it_prints_for_the_whole_reply(bool heading)
    {
        var other = new SearchHit("/repo", "src/b.py", 4, 1, 4, "match", null, "needle four", 1.0, SearchMode.Regex) { After = [new ContextLine(5, "five")] };
        var reply = Reply with { Hits = [First, Second, other] };
        var formatter = new GrepFormatter(new GrepStyle(Color: false, Heading: heading), "/repo");
        var whole = new StringWriter { NewLine = "\n" };
        formatter.Write(reply, whole);

        var streamed = new StringWriter { NewLine = "\n" };
        var stream = formatter.Open(streamed);
        foreach (var hit in reply.Hits)
        {
            stream.Write(hit);
        }

        stream.End(reply with { Hits = [] });

        Assert.Equal(whole.ToString(), streamed.ToString());
        Assert.Equal(heading ? 2 : 0, whole.ToString().Split('\n').Count(l => l is "src/a.py" or "src/b.py"));
    }

    [Fact]
    public void Json_lines_streamed_counts_the_hits_it_wrote_in_its_summary()
    {
        var writer = new StringWriter { NewLine = "\n" };
        var stream = new JsonLinesFormatter().Open(writer);
        stream.Write(First);
        stream.Write(Second);
        stream.End(Reply with { Hits = [], Truncated = true });

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        using var summary = JsonDocument.Parse(lines[^1]);
        Assert.Equal((3, 2, true), (lines.Length, summary.RootElement.GetProperty("hits").GetInt32(), summary.RootElement.GetProperty("truncated").GetBoolean()));
    }

    [Fact]
    public void Grep_format_without_line_numbers_prints_path_and_text_only()
    {
        var text = Render(new GrepFormatter(new GrepStyle(Color: false, LineNumbers: false), "/repo"));

        Assert.Equal("src/a.py-one\nsrc/a.py:two needle\nsrc/a.py-three\n--\nsrc/a.py:needle nine\n", text);
    }

    [Fact]
    public void Grep_format_ends_a_chunk_hit_with_its_symbol_and_span()
    {
        var chunk = new SearchHit("/repo", "http/cookiejar.py", 1650, 9, 1680, "method", "CookieJar.make_cookies", "        cookies = self._cookies()", 0.5, SearchMode.Hybrid)
        {
            StartLine = 1640,
        };
        var writer = new StringWriter { NewLine = "\n" };

        new GrepFormatter(new GrepStyle(Color: false), "/repo").Write(Reply with { Hits = [chunk] }, writer);

        Assert.Equal("http/cookiejar.py:1650:9:        cookies = self._cookies()  [CookieJar.make_cookies 1640-1680]\n", writer.ToString());
    }

    [Fact]
    public void Json_is_one_document_with_the_mode_used_and_snake_case_fields()
    {
        using var document = JsonDocument.Parse(Render(new JsonFormatter()));
        var root = document.RootElement;

        Assert.Equal("regex", root.GetProperty("mode").GetString());
        Assert.Equal("auto", root.GetProperty("requested_mode").GetString());
        Assert.Equal(2, root.GetProperty("hits").GetArrayLength());
        Assert.Equal(2, root.GetProperty("hits")[0].GetProperty("end_line").GetInt32());
        Assert.Equal("src/a.py", root.GetProperty("hits")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Json_lines_has_one_match_per_hit_then_a_summary()
    {
        var lines = Render(new JsonLinesFormatter()).TrimEnd('\n').Split('\n');

        Assert.Equal(3, lines.Length);
        var types = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal(["match", "match", "summary"], types);
        using var summary = JsonDocument.Parse(lines[2]);
        Assert.Equal("regex", summary.RootElement.GetProperty("mode").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("hits").GetInt32());
    }

    [Fact]
    public void Printed_json_escapes_as_the_serializer_with_relaxed_escaping_does_and_keeps_markup_and_accents_readable()
    {
        var hit = new SearchHit("/repo", "src/ünï \"q\".py", 3, 1, 4, "function", "A<T>.f", "if a < b && c > 'd' {\t\u0001é}", 0.25, SearchMode.Hybrid)
        {
            After = [new ContextLine(4, "x = \"\\n\"")],
            Spans = [new MatchSpan(3, 1)],
            StartLine = 2,
        };
        var relaxed = new JsonSerializerOptions(ProtocolJsonContext.Default.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        var printed = OutputJson.Serialize(hit);

        Assert.Equal(JsonSerializer.Serialize(hit, relaxed.GetTypeInfo(typeof(SearchHit))), printed);
        Assert.Contains("if a < b && c > 'd'", printed, StringComparison.Ordinal);
        Assert.Contains("src/ünï", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_match_carries_path_and_line_span_at_the_top_level()
    {
        using var match = JsonDocument.Parse(Render(new JsonLinesFormatter()).Split('\n')[0]);
        var root = match.RootElement;

        Assert.Equal("src/a.py", root.GetProperty("path").GetString());
        Assert.Equal(2, root.GetProperty("line").GetInt32());
        Assert.Equal(2, root.GetProperty("end_line").GetInt32());
    }
}

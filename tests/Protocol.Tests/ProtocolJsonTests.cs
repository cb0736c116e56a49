using System.Text.Json;
using Ragex.Protocol;

namespace Ragex.Protocol.Tests;

/// <summary>Every protocol type survives a trip through its source-generated JSON contract unchanged.</summary>
public sealed class ProtocolJsonTests
{
    private static readonly SearchReply Reply = new(
        "urlparse",
        SearchMode.Auto,
        SearchMode.Symbol,
        "bare identifier",
        [
            new SearchHit("/usr/lib/python3.11", "urllib/parse.py", 374, 5, 402, "function", "urlparse", "def urlparse(url):", 1.03, SearchMode.Symbol)
            {
                Before = [new ContextLine(373, "")],
                After = [new ContextLine(375, "    \"\"\"Parse a URL\"\"\"")],
                Spans = [new MatchSpan(4, 8)],
            },
            new SearchHit("/usr/lib/python3.11", "http/cookiejar.py", 1650, 9, 1680, "method", "CookieJar.make_cookies", "        cookies = []", 0.5, SearchMode.Hybrid)
            {
                StartLine = 1640,
            },
        ],
        12.5)
    {
        Truncated = true,
    };

    [Fact]
    public void A_reply_round_trips()
    {
        var json = JsonSerializer.Serialize(Reply, ProtocolJsonContext.Default.SearchReply);
        var back = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.SearchReply)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, ProtocolJsonContext.Default.SearchReply));
        Assert.Equal(375, back.Hits[0].After[0].Line);
        Assert.True(back.Truncated);
        Assert.Equal((null, 1640), (back.Hits[0].StartLine, back.Hits[1].StartLine));
        Assert.Contains("\"start_line\":1640", json, StringComparison.Ordinal);
        Assert.DoesNotContain("section_start", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_round_trips_with_every_option()
    {
        var request = new SearchRequest("def f", SearchMode.Regex)
        {
            Paths = ["/src"], IgnoreCase = true, SmartCase = true, FixedStrings = true, WordRegexp = true,
            Globs = ["*.py"], Types = ["py"], ContextLines = 2, MaxCountPerFile = 3, Limit = 4, Kinds = ["function"],
            Related = true, FullSection = true,
        };

        var json = JsonSerializer.Serialize(request, ProtocolJsonContext.Default.SearchRequest);
        var back = JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.SearchRequest)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, ProtocolJsonContext.Default.SearchRequest));
        Assert.Equal(("def f", SearchMode.Regex, 4, "function"), (back.Query, back.Mode, back.Limit!.Value, back.Kinds[0]));
        Assert.True(back.Related && back.FullSection);
    }

    [Theory]
    [InlineData(SearchMode.Auto, "\"auto\"")]
    [InlineData(SearchMode.Semantic, "\"semantic\"")]
    public void Modes_are_lower_case_strings(SearchMode mode, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(mode, ProtocolJsonContext.Default.SearchMode));
}

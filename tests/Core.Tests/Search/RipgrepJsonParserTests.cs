using Ragex.Core.Search;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class RipgrepJsonParserTests
{
    private static readonly string[] ContextOutput =
    [
        """{"type":"begin","data":{"path":{"text":"./a.py"}}}""",
        """{"type":"context","data":{"path":{"text":"./a.py"},"lines":{"text":"one\n"},"line_number":1,"absolute_offset":0,"submatches":[]}}""",
        """{"type":"match","data":{"path":{"text":"./a.py"},"lines":{"text":"two needle\n"},"line_number":2,"absolute_offset":4,"submatches":[{"match":{"text":"needle"},"start":4,"end":10}]}}""",
        """{"type":"context","data":{"path":{"text":"./a.py"},"lines":{"text":"three\n"},"line_number":3,"absolute_offset":15,"submatches":[]}}""",
        """{"type":"context","data":{"path":{"text":"./a.py"},"lines":{"text":"eight\n"},"line_number":8,"absolute_offset":40,"submatches":[]}}""",
        """{"type":"match","data":{"path":{"text":"./a.py"},"lines":{"text":"needle nine\n"},"line_number":9,"absolute_offset":46,"submatches":[{"match":{"text":"needle"},"start":0,"end":6}]}}""",
        """{"type":"end","data":{"path":{"text":"./a.py"},"binary_offset":null,"stats":{}}}""",
        """{"type":"summary","data":{"elapsed_total":{"secs":0,"nanos":1,"human":"0s"},"stats":{}}}""",
    ];

    [Fact]
    public void Parses_matches_with_context_attached_to_the_nearest_match()
    {
        var hits = new List<SearchHit>();
        var parser = new RipgrepJsonParser("/root", contextLines: 1, hits.Add);
        foreach (var line in ContextOutput)
        {
            parser.Feed(line);
        }

        Assert.Single(hits);
        parser.Complete();
        Assert.Equal(2, hits.Count);
        var first = hits[0];
        Assert.Equal(("a.py", 2, 5, "two needle"), (first.Path, first.Line, first.Column, first.Preview));
        Assert.Equal([1], first.Before.Select(c => c.Line));
        Assert.Equal([3], first.After.Select(c => c.Line));
        Assert.Equal([8], hits[1].Before.Select(c => c.Line));
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        var hit = Assert.Single(Parse("""{"type":"match","data":{"path":{"text":"u.txt"},"lines":{"text":"héllo wörld\n"},"line_number":1,"absolute_offset":0,"submatches":[{"match":{"text":"wörld"},"start":7,"end":13}]}}"""));
        Assert.Equal(7, hit.Column);
        Assert.Equal("wörld", hit.Preview.Substring(hit.Spans[0].Start, hit.Spans[0].Length));
    }

    [Fact]
    public void Decodes_paths_that_are_not_utf8_text()
    {
        var bytes = Convert.ToBase64String("odd.txt"u8.ToArray());
        var hits = Parse($$$"""{"type":"match","data":{"path":{"bytes":"{{{bytes}}}"},"lines":{"text":"x\n"},"line_number":4,"absolute_offset":0,"submatches":[{"match":{"text":"x"},"start":0,"end":1}]}}""");

        Assert.Equal("odd.txt", Assert.Single(hits).Path);
    }

    [Fact]
    public void A_windows_line_ending_is_not_part_of_the_line_and_spans_may_reach_it()
    {
        var hit = Assert.Single(Parse("""{"type":"match","data":{"path":{"text":"w.txt"},"lines":{"text":"grüß needle\r\n"},"line_number":3,"absolute_offset":0,"submatches":[{"match":{"text":"needle\r"},"start":7,"end":14}]}}"""));

        Assert.Equal(("grüß needle", 6), (hit.Preview, hit.Column));
        Assert.Equal([new MatchSpan(5, 7)], hit.Spans);
    }

    private static List<SearchHit> Parse(string line)
    {
        var hits = new List<SearchHit>();
        var parser = new RipgrepJsonParser("/root", 0, hits.Add);
        parser.Feed(line);
        parser.Complete();
        return hits;
    }
}

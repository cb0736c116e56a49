using Ragex.Core.Search;

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
        var parser = new RipgrepJsonParser("/root", contextLines: 1);
        foreach (var line in ContextOutput)
        {
            parser.Feed(line);
        }

        Assert.Equal(2, parser.Hits.Count);
        var first = parser.Hits[0];
        Assert.Equal(("a.py", 2, 5, "two needle"), (first.Path, first.Line, first.Column, first.Preview));
        Assert.Equal([1], first.Before.Select(c => c.Line));
        Assert.Equal([3], first.After.Select(c => c.Line));
        Assert.Equal([8], parser.Hits[1].Before.Select(c => c.Line));
    }

    [Fact]
    public void Columns_count_characters_not_utf8_bytes()
    {
        var parser = new RipgrepJsonParser("/root", 0);
        parser.Feed("""{"type":"match","data":{"path":{"text":"u.txt"},"lines":{"text":"héllo wörld\n"},"line_number":1,"absolute_offset":0,"submatches":[{"match":{"text":"wörld"},"start":7,"end":13}]}}""");

        var hit = Assert.Single(parser.Hits);
        Assert.Equal(7, hit.Column);
        Assert.Equal("wörld", hit.Preview.Substring(hit.Spans[0].Start, hit.Spans[0].Length));
    }

    [Fact]
    public void Decodes_paths_that_are_not_utf8_text()
    {
        var parser = new RipgrepJsonParser("/root", 0);
        var bytes = Convert.ToBase64String("odd.txt"u8.ToArray());
        parser.Feed($$$"""{"type":"match","data":{"path":{"bytes":"{{{bytes}}}"},"lines":{"text":"x\n"},"line_number":4,"absolute_offset":0,"submatches":[{"match":{"text":"x"},"start":0,"end":1}]}}""");

        Assert.Equal("odd.txt", Assert.Single(parser.Hits).Path);
    }
}

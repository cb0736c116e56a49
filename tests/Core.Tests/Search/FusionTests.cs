using Ragex.Core.Search;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class FusionTests
{
    [Fact]
    public void An_item_ranked_well_by_both_retrievers_beats_one_ranked_first_by_only_one()
    {
        IReadOnlyList<(long, double)> semantic = [(1, 0.9), (2, 0.8), (3, 0.7)];
        IReadOnlyList<(long, double)> keyword = [(4, 12.0), (2, 11.0), (3, 10.0)];

        var fused = ReciprocalRankFusion.Fuse(60, (semantic, 1.0), (keyword, 1.0));

        Assert.Equal(2, fused[0].Id);
        Assert.Equal([2L, 3L, 1L, 4L], fused.Select(f => f.Id));
    }

    [Fact]
    public void Weights_shift_the_balance()
    {
        IReadOnlyList<(long, double)> semantic = [(1, 0.9)];
        IReadOnlyList<(long, double)> keyword = [(2, 5.0)];

        Assert.Equal(1, ReciprocalRankFusion.Fuse(60, (semantic, 2.0), (keyword, 1.0))[0].Id);
        Assert.Equal(2, ReciprocalRankFusion.Fuse(60, (semantic, 1.0), (keyword, 2.0))[0].Id);
    }

    [Fact]
    public void One_file_cannot_fill_the_head_of_the_results()
    {
        SearchHit Hit(string path, int line) => new("/r", path, line, 1, line, "function", null, "", 1, SearchMode.Hybrid);
        var ranked = new[] { Hit("a.py", 1), Hit("a.py", 2), Hit("a.py", 3), Hit("b.py", 1), Hit("a.py", 4), Hit("c.py", 1) };

        var diversified = ChunkHits.Diversify(ranked, perFile: 2);

        Assert.Equal(["a.py:1", "a.py:2", "b.py:1", "c.py:1", "a.py:3", "a.py:4"], diversified.Select(h => $"{h.Path}:{h.Line}"));
    }

    [Theory]
    [InlineData("split a URL into scheme, network location", "\"split\" OR \"url\" OR \"scheme\" OR \"network\" OR \"location\"")]
    [InlineData("the of a", "\"the\" OR \"of\" OR \"a\"")]
    [InlineData("!!!", null)]
    public void Keyword_queries_drop_function_words_and_quote_terms(string text, string? expected) =>
        Assert.Equal(expected, KeywordQuery.ToFts(text));

    [Fact]
    public void Preview_skips_the_context_line() =>
        Assert.Equal("def f(x):", ChunkHits.Preview("pkg/m.py function f\n\n    def f(x):\n        return x"));
}

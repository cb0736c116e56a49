using Ragex.Core.Search;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class IdentifierHitsTests
{
    private static SearchHit Hit(string path, int line, int end, string kind, double score, SearchMode mode) =>
        new("/r", path, line, 1, end, kind, null, "", score, mode);

    private static SearchHit Use(string path, int line) => Hit(path, line, line, "match", 1.0, SearchMode.Regex);

    private static IReadOnlyList<string> Places(IEnumerable<SearchHit> hits) => [.. hits.Select(h => $"{h.Path}:{h.Line}")];

    [Fact]
    public void Exact_definitions_come_first_then_the_lines_using_the_name_and_no_chunks_unless_asked()
    {
        IReadOnlyList<SearchHit> symbols =
        [
            Hit("core.py", 10, 80, "class", 1.03, SearchMode.Symbol),
            Hit("core.py", 5, 5, "variable", 1.0, SearchMode.Symbol),
        ];
        IReadOnlyList<SearchHit> chunks = [Hit("cli.py", 1, 30, "window", 0.8, SearchMode.Hybrid)];
        IReadOnlyList<SearchHit> usages = [Use("cli.py", 3), Use("core.py", 10), Use("core.py", 50)];

        Assert.Equal(["core.py:10", "core.py:50", "cli.py:3"], Places(IdentifierHits.Merge(symbols, chunks, usages, related: false, linesPerFile: 2)));
        Assert.Equal(["core.py:10", "core.py:50", "cli.py:3", "cli.py:1"], Places(IdentifierHits.Merge(symbols, chunks, usages, related: true, linesPerFile: 2)));
    }

    [Fact]
    public void Files_holding_definitions_lead_then_files_ranked_by_chunks_then_source_before_tests()
    {
        IReadOnlyList<SearchHit> symbols = [Hit("parse.py", 374, 395, "function", 1.03, SearchMode.Symbol)];
        IReadOnlyList<SearchHit> chunks = [Hit("request.py", 100, 130, "function", 0.9, SearchMode.Hybrid)];
        IReadOnlyList<SearchHit> usages = [Use("a_other.py", 1), Use("parse.py", 20), Use("request.py", 7), Use("tests/test_a.py", 2), Use("z_source.py", 9)];

        var merged = IdentifierHits.Merge(symbols, chunks, usages, related: false, linesPerFile: 2);

        Assert.Equal(["parse.py:374", "parse.py:20", "request.py:7", "a_other.py:1", "z_source.py:9", "tests/test_a.py:2"], Places(merged));
    }

    [Fact]
    public void A_few_lines_of_each_file_come_before_the_rest_so_one_file_cannot_fill_the_answer()
    {
        IReadOnlyList<SearchHit> symbols = [Hit("big.py", 1, 2, "function", 1.03, SearchMode.Symbol)];
        IReadOnlyList<SearchHit> usages = [.. Enumerable.Range(10, 5).Select(l => Use("big.py", l)), Use("small.py", 4)];

        var merged = IdentifierHits.Merge(symbols, [], usages, related: false, linesPerFile: 2);

        Assert.Equal(["big.py:1", "big.py:10", "big.py:11", "small.py:4", "big.py:12", "big.py:13", "big.py:14"], Places(merged));
    }

    [Fact]
    public void One_definition_per_file_leads_and_a_line_defining_the_name_again_is_that_definition()
    {
        IReadOnlyList<SearchHit> symbols =
        [
            Hit("base.h", 10, 20, "struct", 1.02, SearchMode.Symbol),
            Hit("base.h", 30, 40, "struct", 1.02, SearchMode.Symbol),
            Hit("format.h", 5, 9, "struct", 1.02, SearchMode.Symbol),
        ];
        IReadOnlyList<SearchHit> usages = [Use("base.h", 10), Use("base.h", 30), Use("format.h", 5)];

        var merged = IdentifierHits.Merge(symbols, [], usages, related: false, linesPerFile: 2);

        Assert.Equal(["base.h:10", "format.h:5", "base.h:30"], Places(merged));
        Assert.Equal("struct", merged[2].Kind);
        Assert.Equal(40, merged[2].EndLine);
    }

    [Fact]
    public void Equal_definitions_of_several_files_follow_the_order_keyword_and_semantic_search_give_their_files()
    {
        IReadOnlyList<SearchHit> symbols =
        [
            Hit("base.h", 10, 20, "struct", 1.02, SearchMode.Symbol),
            Hit("chrono.h", 30, 40, "struct", 1.02, SearchMode.Symbol),
            Hit("format.h", 5, 9, "struct", 1.02, SearchMode.Symbol),
        ];
        IReadOnlyList<SearchHit> chunks = [Hit("format.h", 100, 130, "class", 0.9, SearchMode.Hybrid), Hit("base.h", 200, 230, "window", 0.8, SearchMode.Hybrid)];

        var merged = IdentifierHits.Merge(symbols, chunks, [], related: false, linesPerFile: 2);

        Assert.Equal(["format.h:5", "base.h:10", "chrono.h:30"], Places(merged.Take(3)));
    }

    [Fact]
    public void Looser_symbol_matches_answer_only_when_nothing_defines_or_uses_the_name()
    {
        IReadOnlyList<SearchHit> fuzzy = [Hit("parse.py", 374, 395, "function", 0.6, SearchMode.Symbol)];

        Assert.Equal(["parse.py:374"], Places(IdentifierHits.Merge(fuzzy, [], [], related: false, linesPerFile: 2)));
        Assert.Equal(["b.py:1"], Places(IdentifierHits.Merge(fuzzy, [], [Use("b.py", 1)], related: false, linesPerFile: 2)));
    }
}

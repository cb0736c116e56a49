using Ragex.Core.Search;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class IdentifierHitsTests
{
    private static SearchHit Hit(string path, int line, int end, string kind, double score, SearchMode mode) =>
        new("/r", path, line, 1, end, kind, null, "", score, mode);

    [Fact]
    public void Exact_definitions_come_first_then_new_chunks_then_looser_symbol_matches()
    {
        IReadOnlyList<SearchHit> symbols =
        [
            Hit("core.py", 10, 80, "class", 1.03, SearchMode.Symbol),
            Hit("core.py", 5, 5, "variable", 1.0, SearchMode.Symbol),
            Hit("core.py", 90, 99, "class", 0.7, SearchMode.Symbol),
        ];
        IReadOnlyList<SearchHit> chunks = [Hit("core.py", 20, 40, "method", 0.9, SearchMode.Hybrid), Hit("cli.py", 1, 30, "window", 0.8, SearchMode.Hybrid)];

        var merged = IdentifierHits.Merge(symbols, chunks);

        Assert.Equal(["core.py:10", "cli.py:1", "core.py:5", "core.py:90"], merged.Select(h => $"{h.Path}:{h.Line}"));
    }

    [Fact]
    public void One_definition_per_file_leads_so_a_name_defined_often_in_one_file_does_not_hide_the_others()
    {
        IReadOnlyList<SearchHit> symbols =
        [
            Hit("base.h", 10, 20, "struct", 1.02, SearchMode.Symbol),
            Hit("base.h", 30, 40, "struct", 1.02, SearchMode.Symbol),
            Hit("base.h", 50, 60, "struct", 1.02, SearchMode.Symbol),
            Hit("format.h", 5, 9, "struct", 1.02, SearchMode.Symbol),
        ];
        IReadOnlyList<SearchHit> chunks = [Hit("core.h", 1, 30, "window", 0.8, SearchMode.Hybrid)];

        var merged = IdentifierHits.Merge(symbols, chunks);

        Assert.Equal(["base.h:10", "format.h:5", "core.h:1", "base.h:30", "base.h:50"], merged.Select(h => $"{h.Path}:{h.Line}"));
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

        var merged = IdentifierHits.Merge(symbols, chunks);

        Assert.Equal(["format.h:5", "base.h:10", "chrono.h:30"], merged.Take(3).Select(h => $"{h.Path}:{h.Line}"));
    }
}

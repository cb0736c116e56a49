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
}

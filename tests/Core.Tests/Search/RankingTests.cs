using Ragex.Core.Chunking;
using Ragex.Core.Search;
using Ragex.Core.Storage;

namespace Ragex.Core.Tests.Search;

public sealed class RankingTests
{
    private static readonly RankingOptions Plain = new()
    {
        SymbolMatchBoost = 0, PathMatchBoost = 0, DefinitionBoost = 0, NonSourceFactor = 1, DeclaringHeaderFactor = 1, SiblingWeight = 0, RankedHitsPerFile = 1, OutlineMatchBoost = 0,
    };

    private static StoredChunk Chunk(long id, string path, string kind = Ragex.Core.Chunking.Chunk.WindowKind, string? symbol = null, int line = 1) =>
        new(id, path, line, line + 5, symbol, kind, $"{path}\ncode");

    private static List<string> Order(RankingOptions options, string query, params (StoredChunk Chunk, double Score)[] fused) =>
        [.. new ChunkRanker(options)
            .Rank([.. fused.Select(f => (f.Chunk.Id, f.Score))], fused.ToDictionary(f => f.Chunk.Id, f => f.Chunk), query)
            .Select(r => $"{r.Chunk.Path}:{r.Chunk.StartLine}")];

    [Fact]
    public void A_file_named_after_the_query_rises_above_a_slightly_better_chunk()
    {
        (StoredChunk, double)[] fused = [(Chunk(1, "src/app.py"), 0.030), (Chunk(2, "src/sessions.py"), 0.028)];

        Assert.Equal("src/app.py:1", Order(Plain, "session management", fused)[0]);
        Assert.Equal("src/sessions.py:1", Order(Plain with { PathMatchBoost = 1.5 }, "session management", fused)[0]);
    }

    [Fact]
    public void A_long_question_sharing_one_word_with_a_short_file_name_barely_moves_it()
    {
        var words = new QueryWords("generate a random universally unique identifier");

        Assert.Equal(1.0, words.Coverage("random"));
        Assert.Equal(0.2, words.Match("random"), 3);
        Assert.Equal(0.5, new QueryWords("session management").Match("sessions"), 3);
    }

    [Fact]
    public void Tests_are_demoted_unless_the_query_asks_for_them()
    {
        (StoredChunk, double)[] fused = [(Chunk(1, "tests/test_config.py"), 0.030), (Chunk(2, "src/config.py"), 0.025)];
        var options = Plain with { NonSourceFactor = 0.5 };

        Assert.Equal("tests/test_config.py:1", Order(Plain, "config loading", fused)[0]);
        Assert.Equal("src/config.py:1", Order(options, "config loading", fused)[0]);
        Assert.Equal("tests/test_config.py:1", Order(options, "tests for config loading", fused)[0]);
    }

    [Fact]
    public void A_header_loses_to_the_implementation_file_of_the_same_name_but_not_when_there_is_none()
    {
        (StoredChunk, double)[] fused = [(Chunk(1, "src/idna.h"), 0.030), (Chunk(2, "src/idna.c"), 0.027), (Chunk(3, "src/uv.h"), 0.026)];
        var options = Plain with { DeclaringHeaderFactor = 0.8 };

        Assert.Equal("src/idna.h:1", Order(Plain, "domain name encoding", fused)[0]);
        Assert.Equal(["src/idna.c:1", "src/uv.h:1", "src/idna.h:1"], Order(options, "domain name encoding", fused));
    }

    [Fact]
    public void Definitions_beat_loose_lines_of_equal_score()
    {
        (StoredChunk, double)[] fused = [(Chunk(1, "a.py"), 0.03), (Chunk(2, "b.py", "function", "load"), 0.03)];

        Assert.Equal("a.py:1", Order(Plain, "load it", fused)[0]);
        Assert.Equal("b.py:1", Order(Plain with { DefinitionBoost = 0.1 }, "load it", fused)[0]);
    }

    [Fact]
    public void One_file_takes_one_place_at_the_head_and_its_other_chunks_follow_the_other_files()
    {
        (StoredChunk, double)[] fused =
            [(Chunk(1, "a.py", line: 1), 0.05), (Chunk(2, "a.py", line: 10), 0.04), (Chunk(3, "a.py", line: 20), 0.035), (Chunk(4, "b.py"), 0.03)];

        Assert.Equal(["a.py:1", "b.py:1", "a.py:10", "a.py:20"], Order(Plain, "anything", fused));
        Assert.Equal(["a.py:1", "a.py:10", "b.py:1", "a.py:20"], Order(Plain with { RankedHitsPerFile = 2 }, "anything", fused));
    }

    [Fact]
    public void A_file_answering_in_several_places_outranks_a_single_slightly_better_chunk()
    {
        (StoredChunk, double)[] fused = [(Chunk(1, "a.py"), 0.05), (Chunk(2, "b.py", line: 1), 0.045), (Chunk(3, "b.py", line: 10), 0.04)];

        Assert.Equal("a.py:1", Order(Plain, "anything", fused)[0]);
        Assert.Equal("b.py:1", Order(Plain with { SiblingWeight = 0.2 }, "anything", fused)[0]);
    }

    [Fact]
    public void More_siblings_can_count_for_a_file_that_answers_in_many_small_chunks()
    {
        (StoredChunk, double)[] fused =
        [
            (Chunk(1, "a.py"), 0.05),
            (Chunk(2, "b.py", line: 1), 0.04), (Chunk(3, "b.py", line: 10), 0.03), (Chunk(4, "b.py", line: 20), 0.03),
            (Chunk(5, "b.py", line: 30), 0.03), (Chunk(6, "b.py", line: 40), 0.03),
        ];
        var options = Plain with { SiblingWeight = 0.1 };

        Assert.Equal("a.py:1", Order(options with { SiblingsCounted = 2 }, "anything", fused)[0]);
        Assert.Equal("b.py:1", Order(options with { SiblingsCounted = 4 }, "anything", fused)[0]);
    }

    [Fact]
    public void A_file_whose_definitions_name_the_query_words_rises()
    {
        (StoredChunk, double)[] fused = [(Chunk(1, "src/registry.php"), 0.030), (Chunk(2, "src/Logger.php"), 0.028)];
        var outlines = new Dictionary<string, List<string>>
        {
            ["src/registry.php"] = ["Registry", "getInstance"],
            ["src/Logger.php"] = ["Logger", "pushHandler", "popHandler", "addRecord"],
        };
        List<string> Ranked(RankingOptions options) =>
            [.. new ChunkRanker(options).Rank([.. fused.Select(f => (f.Item1.Id, f.Item2))], fused.ToDictionary(f => f.Item1.Id, f => f.Item1), "how handlers are pushed to the logger", outlines)
                .Select(r => r.Chunk.Path)];

        Assert.Equal("src/registry.php", Ranked(Plain)[0]);
        Assert.Equal("src/Logger.php", Ranked(Plain with { OutlineMatchBoost = 0.3 })[0]);
    }

    [Theory]
    [InlineData("src/flask/app.py", FileRole.Source)]
    [InlineData("src/flask/testing.py", FileRole.Source)]
    [InlineData("lib/bats-core/test_functions.bash", FileRole.Source)]
    [InlineData("tests/test_app.py", FileRole.Test)]
    [InlineData("pkg/router_test.go", FileRole.Test)]
    [InlineData("src/FooTests.cs", FileRole.Test)]
    [InlineData("src/button.spec.ts", FileRole.Test)]
    [InlineData("docs/guide.md", FileRole.Documentation)]
    [InlineData("examples/basic/main.go", FileRole.Example)]
    [InlineData("vendor/github.com/x/y.go", FileRole.Generated)]
    [InlineData("static/app.min.js", FileRole.Generated)]
    public void File_roles_come_from_the_path(string path, FileRole role) => Assert.Equal(role, FileRoles.Of(path));
}

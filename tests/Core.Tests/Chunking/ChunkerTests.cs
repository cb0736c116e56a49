using Ragex.Core.Chunking;
using Ragex.Core.Storage;

namespace Ragex.Core.Tests.Chunking;

public sealed class ChunkerTests
{
    private const string Source = """
        import os

        CONSTANT = 1


        class Shape:
            '''A shape.'''
            sides = 0

            def area(self):
                return 0

            def name(self):
                return "shape"


        def helper(x):
            return x + 1

        if __name__ == "__main__":
            helper(2)

        """;

    private static readonly SymbolRecord[] Symbols =
    [
        new("CONSTANT", "variable", 3, null, null, null, null, "Python", "CONSTANT = 1"),
        new("Shape", "class", 6, 14, null, null, null, "Python", "class Shape:"),
        new("area", "member", 10, 11, "(self)", "Shape", "class", "Python", "def area(self):"),
        new("name", "member", 13, 14, "(self)", "Shape", "class", "Python", "def name(self):"),
        new("helper", "function", 17, 18, "(x)", null, null, "Python", "def helper(x):"),
    ];

    private static IReadOnlyList<Chunk> Chunks(ChunkerOptions? options = null) =>
        new Chunker(options ?? new ChunkerOptions()).Chunk("pkg/shapes.py", Source, Symbols);

    [Fact]
    public void Each_definition_gets_a_chunk_with_its_line_range()
    {
        var chunks = Chunks();

        Assert.Contains(chunks, c => c.Symbol == "Shape.area" && c.StartLine == 10 && c.EndLine == 11);
        Assert.Contains(chunks, c => c.Symbol == "helper" && c.StartLine == 17 && c.EndLine == 18 && c.Kind == "function");
    }

    [Fact]
    public void Every_chunk_carries_the_words_of_its_file_path()
    {
        Assert.All(Chunks(), c => Assert.Equal(IdentifierWords.OfPath("pkg/shapes.py"), c.PathWords));
        Assert.Equal("pkg shapes", IdentifierWords.OfPath("pkg/shapes.py"));
    }

    [Fact]
    public void A_class_chunk_keeps_its_own_lines_but_not_its_methods()
    {
        var shape = Assert.Single(Chunks(), c => c.Symbol == "Shape");

        Assert.Contains("sides = 0", shape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("return 0", shape.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_non_blank_line_belongs_to_exactly_one_chunk()
    {
        var lines = Source.Split('\n');
        var chunks = Chunks();
        for (var line = 1; line <= lines.Length; line++)
        {
            if (string.IsNullOrWhiteSpace(lines[line - 1]))
            {
                continue;
            }

            var text = lines[line - 1];
            var owners = chunks.Count(c => c.StartLine <= line && line <= c.EndLine && c.Text.Split('\n').Skip(1).Contains(text));
            Assert.True(owners >= 1, $"line {line} `{text}` is in no chunk");
        }

        Assert.Contains(chunks, c => c.Kind == Chunk.WindowKind && c.Text.Contains("import os", StringComparison.Ordinal));
        Assert.Contains(chunks, c => c.Kind == Chunk.WindowKind && c.Text.Contains("helper(2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_starts_with_the_path_and_qualified_symbol_as_context()
    {
        var area = Assert.Single(Chunks(), c => c.Symbol == "Shape.area");

        Assert.StartsWith("pkg/shapes.py member Shape.area\n    def area(self):", area.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chunk_keeps_its_text_hash_when_lines_move()
    {
        var before = Chunks().Single(c => c.Symbol == "helper");
        var moved = new Chunker(new ChunkerOptions()).Chunk("pkg/shapes.py", "\n\n" + Source, [.. Symbols.Select(s => s with { Line = s.Line + 2, EndLine = s.EndLine + 2 })])
            .Single(c => c.Symbol == "helper");

        Assert.Equal(before.TextHash, moved.TextHash);
        Assert.NotEqual(before.StartLine, moved.StartLine);
    }

    [Fact]
    public void Long_module_level_code_is_cut_into_windows_at_blank_lines()
    {
        var content = string.Join('\n', Enumerable.Range(1, 30).Select(i => i % 5 == 0 ? "" : $"x{i} = {i}")) + "\n";

        var chunks = new Chunker(new ChunkerOptions { MaxWindowLines = 8 }).Chunk("m.py", content, []);

        Assert.True(chunks.Count >= 3, $"{chunks.Count} windows");
        Assert.All(chunks, c => Assert.True(c.EndLine - c.StartLine < 16));
        Assert.Equal(1, chunks[0].StartLine);
    }

    [Fact]
    public void Runs_of_one_line_definitions_merge_into_chunks_of_bounded_size_and_longer_ones_stay_alone()
    {
        var header = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"#define REG_{i}_MASK 0x{i:x8}")) + "\nstatic int probe(void)\n{\n\treturn 0;\n}\n";
        var symbols = Enumerable.Range(0, 300).Select(i => new SymbolRecord($"REG_{i}_MASK", "macro", i + 1, i + 1, null, null, null, "C", $"#define REG_{i}_MASK"))
            .Append(new SymbolRecord("probe", "function", 301, 304, "(void)", null, null, "C", "static int probe(void)"))
            .ToList();
        var options = new ChunkerOptions();

        var chunks = new Chunker(options).Chunk("regs.h", header, symbols);

        var merged = chunks.Where(c => c.Kind == Chunk.WindowKind).ToList();
        Assert.InRange(merged.Count, 2, 30);
        Assert.All(merged, c => Assert.True(c.Text.Length <= options.MergeCharacters + "regs.h\n".Length));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"REG_{i}_MASK"), merged.SelectMany(c => c.Text.Split('\n').Skip(1)).Select(l => l.Split(' ')[1]));
        Assert.Contains(chunks, c => c.Symbol == "probe" && c.StartLine == 301 && c.EndLine == 304);
    }

    [Fact]
    public void Generated_code_is_recognised_by_its_banner_or_as_a_table_of_one_line_definitions()
    {
        SymbolRecord Macro(int line) => new($"M{line}", "macro", line, line, null, null, null, "C", "#define");

        Assert.True(GeneratedCode.Detect(["/* This file is automatically generated. */", "int x;"], []));
        Assert.True(GeneratedCode.Detect(["// Code generated by protoc-gen-go. DO NOT EDIT."], []));
        Assert.True(GeneratedCode.Detect([], [.. Enumerable.Range(1, 2000).Select(Macro)]));
        Assert.False(GeneratedCode.Detect(["def generated_by(x):", "    # the id is generated by the server", "    return x"], [.. Enumerable.Range(1, 10).Select(Macro)]));
    }
}

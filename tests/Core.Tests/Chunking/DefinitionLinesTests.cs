using Ragex.Core.Chunking;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Chunking;

public sealed class DefinitionLinesTests
{
    [Theory]
    [InlineData("    def geturl(self):\r", "def geturl(self):")]
    [InlineData("#define WIDTH 40", "#define WIDTH 40")]
    [InlineData("", "")]
    public void A_preview_is_the_line_trimmed(string line, string preview) => Assert.Equal(preview, DefinitionLines.Preview(line));

    [Fact]
    public void A_long_line_is_cut_as_ctags_cut_its_patterns()
    {
        var preview = DefinitionLines.Preview("int f(" + string.Join(", ", Enumerable.Range(0, 40).Select(i => $"int a{i}")) + ")");

        Assert.Equal(DefinitionLines.PreviewLength, preview.Length);
        Assert.StartsWith("int f(int a0, int a1", preview, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_outside_the_text_keeps_its_name()
    {
        var symbols = DefinitionLines.WithPreviews([new SymbolRecord("ghost", "function", 9, null, null, null, null, null, "ghost")], ["one line"]);

        Assert.Equal("ghost", Assert.Single(symbols).Preview);
    }

    [Fact]
    public async Task Parsed_files_preview_each_definition_by_its_line_in_the_file()
    {
        using var tree = new TemporaryDirectory();
        File.WriteAllText(Path.Combine(tree.Path, "m.c"), "#define WIDTH 40\n\nstatic int area(int h)\n{\n    return WIDTH * h;\n}\n");
        var project = new Project("p", tree.Path, tree.Path);

        var parsed = await new FileParser(new CtagsRunner(), new ChunkerOptions()).ParseAsync(project, [new FileRecord("m.c", 0, 0, "")], CancellationToken.None);

        var previews = Assert.Single(parsed.Files).Symbols.ToDictionary(s => s.Name, s => s.Preview);
        Assert.Equal("#define WIDTH 40", previews["WIDTH"]);
        Assert.Equal("static int area(int h)", previews["area"]);
    }
}

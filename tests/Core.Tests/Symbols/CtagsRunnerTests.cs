using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Symbols;

/// <summary>Runs the real universal-ctags on small files in several languages.</summary>
public sealed class CtagsRunnerTests
{
    [Fact]
    public async Task Extracts_definitions_with_line_and_end_line_from_several_languages_in_one_batch()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("pkg/shapes.py", "class Circle:\n    def area(self):\n        return 3.14\n\n\ndef unit():\n    return Circle()\n");
        tree.Write("src/main.c", "#include <stdio.h>\n\nstatic int add(int a, int b)\n{\n    return a + b;\n}\n");
        tree.Write("web/app.js", "function greet(name) {\n  return 'hi ' + name;\n}\n");

        var tags = await new CtagsRunner().ExtractAsync(tree.Path, ["pkg/shapes.py", "src/main.c", "web/app.js"], CancellationToken.None);

        var area = Assert.Single(tags["pkg/shapes.py"], s => s.Name == "area");
        Assert.Equal((2, 3, "Circle", "Python"), (area.Line, area.EndLine!.Value, area.Scope!, area.Language!));
        var add = Assert.Single(tags["src/main.c"], s => s.Name == "add");
        Assert.Equal(("function", 3, 6), (add.Kind, add.Line, add.EndLine!.Value));
        Assert.Contains(tags["web/app.js"], s => s.Name == "greet" && s.Kind == "function" && s.Line == 1);
    }

    [Fact]
    public async Task A_file_without_definitions_gets_an_empty_list()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("notes.txt", "nothing to see\n");

        var tags = await new CtagsRunner().ExtractAsync(tree.Path, ["notes.txt"], CancellationToken.None);

        Assert.Empty(tags["notes.txt"]);
    }

    [Fact]
    public async Task A_missing_executable_is_a_clear_error()
    {
        using var tree = new TemporaryDirectory();
        var error = await Assert.ThrowsAsync<RagexException>(() =>
            new CtagsRunner("ctags-that-does-not-exist").ExtractAsync(tree.Path, ["a.py"], CancellationToken.None));
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }
}

using Ragex.Core.Configuration;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Reading;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Tests.Reading;

/// <summary>read_code's span: the innermost definition around a line, or a named one, read from the file with its line numbers.</summary>
public sealed class DefinitionReaderTests : IDisposable
{
    private static readonly string[] ParserLines =
    [
        "class Parser:",
        "    '''Turns text into words.'''",
        "",
        "    def parse(self, text):",
        "        words = text.split()",
        "        return [w for w in words]",
        "",
        "    def reset(self):",
        "        pass",
        "",
        "",
        "def helper():",
        "    return Parser().parse(\"a b\")",
    ];

    private readonly TemporaryDirectory home = new();
    private readonly TemporaryDirectory tree = new();

    private async Task<DefinitionReader> IndexedAsync()
    {
        tree.Write("parser.py", string.Join('\n', ParserLines) + "\n");
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner()).IndexAsync(tree.Path, null, CancellationToken.None);
        return new DefinitionReader(registry);
    }

    [Fact]
    public async Task A_line_inside_a_method_reads_the_whole_method()
    {
        var reader = await IndexedAsync();

        var span = reader.Read(new ReadCode("parser.py", 5, null, tree.Path));

        Assert.Equal(("parser.py", 4, 6, "parse"), (span.Path, span.StartLine, span.EndLine, span.Symbol));
        Assert.Equal(ParserLines[3..6], span.Lines);
    }

    [Fact]
    public async Task A_line_of_a_class_outside_its_methods_reads_the_whole_class()
    {
        var reader = await IndexedAsync();

        var span = reader.Read(new ReadCode(tree.Combine("parser.py"), 2, null, "/"));

        Assert.Equal((1, 9, "class", "Parser"), (span.StartLine, span.EndLine, span.Kind, span.Symbol));
        Assert.Equal(ParserLines[..9], span.Lines);
    }

    [Fact]
    public async Task A_symbol_name_alone_reads_its_definition_in_the_project_around_the_current_directory()
    {
        var reader = await IndexedAsync();

        var span = reader.Read(new ReadCode(null, null, "helper", tree.Path));

        Assert.Equal((12, 13), (span.StartLine, span.EndLine));
        Assert.Equal(ParserLines[11..13], span.Lines);
    }

    [Fact]
    public async Task A_file_outside_every_project_is_refused_with_the_path_to_index()
    {
        var reader = await IndexedAsync();
        using var elsewhere = new TemporaryDirectory();
        var file = elsewhere.Write("other.py", "def f():\n    pass\n");

        var error = Assert.Throws<RagexException>(() => reader.Read(new ReadCode(file, 1, null, "/")));

        Assert.Equal(file, error.NotIndexedPath);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        home.Dispose();
        tree.Dispose();
    }
}

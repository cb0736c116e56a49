using Ragex.Core.Configuration;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

/// <summary>References: the name as a whole word, in file order, without the lines that define it.</summary>
public sealed class ReferenceSearcherTests : IDisposable
{
    private readonly TemporaryDirectory home = new();
    private readonly TemporaryDirectory tree = new();

    [Fact]
    public async Task Uses_are_found_as_whole_words_and_definitions_are_left_out()
    {
        tree.Write("parser.py", "class Parser:\n    def parse(self, text):\n        return text.split()\n\n\nclass ParserError(Exception):\n    pass\n");
        tree.Write("main.py", "from parser import Parser\n\n# Parser splits words\nprint(Parser().parse('a b'))\n");
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner()).IndexAsync(tree.Path, null, CancellationToken.None);
        var engine = new SearchEngine(
            registry, new Dictionary<SearchMode, ISearcher> { [SearchMode.References] = new ReferenceSearcher(new RegexSearcher()) }, new RankingOptions());

        var parser = await engine.SearchAsync(new SearchRequest("Parser", SearchMode.References), tree.Path, CancellationToken.None);
        var parse = await engine.SearchAsync(new SearchRequest("Parser.parse", SearchMode.References), tree.Path, CancellationToken.None);

        Assert.Equal([("main.py", 1), ("main.py", 3), ("main.py", 4)], parser.Hits.Select(h => (h.Path, h.Line)));
        Assert.All(parser.Hits, h => Assert.Equal((SearchMode.References, "reference", "Parser"), (h.Mode, h.Kind, h.Symbol)));
        Assert.Equal([("main.py", 4)], parse.Hits.Select(h => (h.Path, h.Line)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        home.Dispose();
        tree.Dispose();
    }
}

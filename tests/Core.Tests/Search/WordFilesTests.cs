using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Symbols;
using Ragex.Core.Tests.Support;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

/// <summary>A bare identifier's uses and a name's references are read from the files the keyword index names when it is fresh: the same lines as a whole-tree search.</summary>
public sealed class WordFilesTests : IDisposable
{
    private readonly TemporaryDirectory home = new();
    private readonly TemporaryDirectory tree = new();

    [Fact]
    public async Task A_fresh_index_narrows_the_files_and_the_answer_is_the_whole_tree_search_s()
    {
        var registry = await IndexAsync();
        var project = registry.FindContaining(tree.Path)!;
        var fresh = new IndexFreshness(project.Root, IndexState.Fresh, 0);
        var request = new SearchRequest("urlparse", SearchMode.Auto);

        var narrowed = await Engine(registry, fresh).SearchAsync(request, tree.Path, CancellationToken.None);
        var whole = await Engine(registry, null).SearchAsync(request, tree.Path, CancellationToken.None);

        Assert.Equal(whole.Hits.Select(h => (h.Path, h.Line, h.Kind)), narrowed.Hits.Select(h => (h.Path, h.Line, h.Kind)));
        var references = new SearchRequest("urlparse", SearchMode.References);
        var narrowedReferences = await Engine(registry, fresh).SearchAsync(references, tree.Path, CancellationToken.None);
        var wholeReferences = await Engine(registry, null).SearchAsync(references, tree.Path, CancellationToken.None);
        Assert.Equal(wholeReferences.Hits.Select(h => (h.Path, h.Line)), narrowedReferences.Hits.Select(h => (h.Path, h.Line)));
        Assert.Contains(narrowedReferences.Hits, h => h.Path == "long.py");
        Assert.Contains(narrowed.Hits, h => h.Path == "long.py" && h.Preview.Contains("urlparse(", StringComparison.Ordinal));
        var files = WordFiles.Narrow(new SearchScope(project, []), request with { Query = "urlparse" }, fresh)!.RelativePaths;
        Assert.Contains("use.py", files);
        Assert.Contains("long.py", files);
        Assert.DoesNotContain("nothing.py", files);
    }

    [Fact]
    public async Task An_index_not_known_fresh_is_not_trusted_and_a_word_nowhere_reads_only_the_clipped_files()
    {
        var registry = await IndexAsync();
        var scope = new SearchScope(registry.FindContaining(tree.Path)!, []);
        var request = new SearchRequest("urlparse", SearchMode.Auto);

        Assert.Same(scope, WordFiles.Narrow(scope, request, new IndexFreshness(scope.Project.Root, IndexState.Behind, 2)));
        Assert.Same(scope, WordFiles.Narrow(scope, request, null));
        Assert.Same(scope, WordFiles.Narrow(scope, request with { Globs = ["*.py"] }, new IndexFreshness(scope.Project.Root, IndexState.Fresh, 0)));
        var fresh = new IndexFreshness(scope.Project.Root, IndexState.Fresh, 0);
        Assert.Equal(["long.py"], WordFiles.Narrow(scope, request with { Query = "no_such_word_anywhere" }, fresh)!.RelativePaths);
        File.Delete(tree.Combine("long.py"));
        await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner()).IndexAsync(tree.Path, null, CancellationToken.None);
        Assert.Null(WordFiles.Narrow(scope, request with { Query = "no_such_word_anywhere" }, fresh));
    }

    private async Task<ProjectRegistry> IndexAsync()
    {
        tree.Write("parse.py", "def urlparse(url):\n    return url\n");
        tree.Write("use.py", "from parse import urlparse\n\nprint(urlparse('a'))\n");
        tree.Write("other.py", "def helper():\n    return _urlparse_cache or urlparse_all\n");
        // One function of over 6,000 characters: its stored text is cut before the use at its end.
        var body = string.Concat(Enumerable.Range(0, 200).Select(i => $"    value_{i} = compute_something_long({i})\n"));
        tree.Write("long.py", $"def long_function(x):\n{body}    return urlparse(x)\n");
        tree.Write("nothing.py", "def nothing():\n    return 0\n");
        var registry = new ProjectRegistry(new RagexHome(home.Path));
        await new ProjectIndexer(registry, new IndexerOptions(), new CtagsRunner()).IndexAsync(tree.Path, null, CancellationToken.None);
        return registry;
    }

    private SearchEngine Engine(ProjectRegistry registry, IndexFreshness? freshness) =>
        SearchEngine.Create(registry, new EmbedderProvider(home.Combine("no-models")), new VectorIndexCache(), freshness: freshness is null ? null : _ => freshness);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        home.Dispose();
        tree.Dispose();
    }
}

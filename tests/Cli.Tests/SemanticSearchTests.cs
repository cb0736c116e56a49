using System.Text.Json;

namespace Ragex.Cli.Tests;

/// <summary>
/// Semantic, keyword and hybrid search with the real model (scripts/setup installs it) and the real FAISS shim, on a
/// small tree so the suite stays fast.
/// </summary>
public sealed class SemanticSearchTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = Directory.CreateTempSubdirectory("ragex-tree-").FullName;

    public SemanticSearchTests()
    {
        Write("net/urls.py", """
            def split_address(address):
                '''Break a web address into its scheme, host, path and query string.'''
                scheme, _, rest = address.partition('://')
                host, _, path = rest.partition('/')
                return scheme, host, path


            def quote_component(text):
                '''Percent-encode unsafe characters.'''
                return ''.join(c if c.isalnum() else '%%%02X' % ord(c) for c in text)
            """);
        Write("storage/archive.py", """
            import shutil


            def copy_everything(source, destination):
                '''Recursively duplicate a directory and all the files below it.'''
                shutil.copytree(source, destination)


            class TemperatureSensor:
                def read_celsius(self):
                    return 21.5
            """);
        Write("text/spelling.py", """
            def closest_words(word, vocabulary):
                '''Suggest the vocabulary entries most similar to a misspelled word.'''
                return sorted(vocabulary, key=lambda w: distance(word, w))[:3]
            """);
    }

    [Theory]
    [InlineData("semantic", "parse a URL into its parts", "split_address")]
    [InlineData("semantic", "copy a folder tree recursively", "copy_everything")]
    [InlineData("hybrid", "suggest corrections for a misspelled word", "closest_words")]
    [InlineData("keyword", "misspelled vocabulary", "closest_words")]
    public async Task Finds_the_function_that_answers_a_question(string mode, string question, string symbol)
    {
        await IndexAsync();

        var hits = await SearchAsync(question, "--mode", mode);

        Assert.Equal(symbol, hits[0].GetProperty("symbol").GetString());
        Assert.Equal(mode, hits[0].GetProperty("mode").GetString());
        Assert.True(hits[0].GetProperty("end_line").GetInt32() > hits[0].GetProperty("line").GetInt32());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Auto_mode_sends_a_question_to_hybrid()
    {
        await IndexAsync();

        var run = await CliRun.InvokeAsync(home, tree, "search", "how do I read the temperature", "--json");

        using var reply = JsonDocument.Parse(run.Out);
        Assert.Equal("hybrid", reply.RootElement.GetProperty("mode").GetString());
        Assert.Equal("TemperatureSensor.read_celsius", reply.RootElement.GetProperty("hits")[0].GetProperty("symbol").GetString());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Min_score_drops_weak_hits()
    {
        await IndexAsync();

        var all = await SearchAsync("parse a URL into its parts", "--mode", "semantic");
        var strong = await SearchAsync("parse a URL into its parts", "--mode", "semantic", "--min-score", "0.5");

        Assert.True(strong.Count < all.Count, $"{strong.Count} of {all.Count} kept");
        Assert.All(strong, h => Assert.True(h.GetProperty("score").GetDouble() >= 0.5));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Reindexing_embeds_only_the_chunks_that_changed()
    {
        var first = await IndexAsync();
        Assert.True(first.GetProperty("embedded").GetInt32() >= 5);

        var unchanged = await IndexAsync();
        Assert.Equal(0, unchanged.GetProperty("embedded").GetInt32());

        Write("text/spelling.py", """
            def closest_words(word, vocabulary):
                '''Suggest the vocabulary entries most similar to a misspelled word.'''
                return sorted(vocabulary, key=lambda w: distance(word, w))[:5]
            """);
        var edited = await IndexAsync();
        Assert.Equal(1, edited.GetProperty("embedded").GetInt32());
        Assert.Equal(first.GetProperty("chunks").GetInt32(), edited.GetProperty("embedded_chunks").GetInt32());
    }

    [Fact]
    public async Task A_deleted_file_disappears_from_semantic_results()
    {
        await IndexAsync();
        File.Delete(Path.Combine(tree, "storage", "archive.py"));
        await IndexAsync();

        var hits = await SearchAsync("copy a folder tree recursively", "--mode", "semantic");

        Assert.DoesNotContain(hits, h => h.GetProperty("path").GetString() == "storage/archive.py");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_stale_vector_file_is_rebuilt_from_the_database()
    {
        await IndexAsync();
        var vectors = Directory.EnumerateFiles(Path.Combine(home, "projects"), "vectors.faiss", SearchOption.AllDirectories).Single();
        File.WriteAllText(vectors, "garbage");

        var hits = await SearchAsync("copy a folder tree recursively", "--mode", "semantic");

        Assert.Equal("copy_everything", hits[0].GetProperty("symbol").GetString());
    }

    public void Dispose()
    {
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(tree, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
    }

    private async Task<JsonElement> IndexAsync()
    {
        var run = await CliRun.InvokeAsync(home, "/", "index", tree, "--json", "--wait-all");
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private async Task<List<JsonElement>> SearchAsync(string query, params string[] options)
    {
        var run = await CliRun.InvokeAsync(home, tree, ["search", query, "--json", .. options]);
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        using var reply = JsonDocument.Parse(run.Out);
        return [.. reply.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.Clone())];
    }
}

using System.Text.Json;

namespace Ragex.Cli.Tests;

/// <summary>A bare identifier in auto mode on a real index: which definition leads when many files define the name.</summary>
public sealed class IdentifierSearchTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = Directory.CreateTempSubdirectory("ragex-tree-").FullName;

    [Fact]
    public async Task The_file_that_says_most_about_a_name_leads_even_past_the_limit_in_path_order()
    {
        // Twelve files define render once and say nothing else of it; zz_views.py, last in path order, is about it.
        for (var i = 0; i < 12; i++)
        {
            var body = string.Concat(Enumerable.Range(0, 20).Select(k => $"    total_{k} = value * {k} + {i}\n"));
            File.WriteAllText(Path.Combine(tree, $"a{i:00}.py"), $"def render(value):\n{body}    return value\n");
        }

        File.WriteAllText(Path.Combine(tree, "zz_views.py"), """
            class render:
                \"\"\"render a template: render loads it, render fills it, render returns the text.\"\"\"

                def __call__(self, template):
                    return render.fill(render.load(template))
            """);
        var index = await CliRun.InvokeAsync(home, tree, "index", "--no-embeddings", tree);
        Assert.Equal(0, index.ExitCode);

        var search = await CliRun.InvokeAsync(home, tree, "search", "render", "--limit", "3", "--json");

        Assert.Equal(0, search.ExitCode);
        using var reply = JsonDocument.Parse(search.Out);
        var hits = reply.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("path").GetString()).ToList();
        Assert.Equal(3, hits.Count);
        Assert.Equal("zz_views.py", hits[0]);
    }

    public void Dispose()
    {
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }
}

using System.Text.RegularExpressions;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Search;
using Ragex.Core.Walk;

namespace Ragex.Host.Tests;

/// <summary>hocon/ragex.hocon documents every key once, and its defaults are the engine's defaults.</summary>
public sealed partial class RagexHoconTests
{
    private static readonly string HoconPath = FindHocon();

    [Fact]
    public void Every_key_has_a_comment_above_it()
    {
        var lines = File.ReadAllLines(HoconPath);
        for (var i = 0; i < lines.Length; i++)
        {
            if (KeyValue().IsMatch(lines[i]))
            {
                Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith('#'), $"line {i + 1} `{lines[i].Trim()}` has no comment above it");
            }
        }
    }

    [Fact]
    public void Defaults_match_the_engine()
    {
        var values = Values();
        Assert.Equal(WalkOptions.DefaultMaxFileSize.ToString(System.Globalization.CultureInfo.InvariantCulture), values["ragex.index.max-file-size"]);
        Assert.Equal(new IndexerOptions().CtagsBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), values["ragex.index.ctags-batch-size"]);
        Assert.Equal(IndexerOptions.OnePerCore.ToString(System.Globalization.CultureInfo.InvariantCulture), values["ragex.index.parallelism"]);
        Assert.Equal(SymbolSearcher.DefaultLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), values["ragex.search.symbol-limit"]);
        var indexer = new IndexerOptions();
        Assert.Equal(Invariant(indexer.Chunking.MaxWindowLines), values["ragex.index.max-window-lines"]);
        Assert.Equal(Invariant(indexer.EmbeddingBatchSize), values["ragex.index.embedding-batch-size"]);
        Assert.Equal(EmbedderProvider.DefaultModelId, values["ragex.embedding.model"]);
        var ranking = new RankingOptions();
        Assert.Equal(Invariant(ranking.DefaultLimit), values["ragex.search.chunk-limit"]);
        Assert.Equal(Invariant(ranking.RrfK), values["ragex.search.rrf-k"]);
        Assert.Equal(ranking.SemanticWeight, double.Parse(values["ragex.search.semantic-weight"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ranking.KeywordWeight, double.Parse(values["ragex.search.keyword-weight"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ranking.SymbolNameWeight, double.Parse(values["ragex.search.symbol-name-weight"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Invariant(ranking.Candidates), values["ragex.search.candidates"]);
        Assert.Equal(Invariant(ranking.HitsPerFile), values["ragex.search.hits-per-file"]);
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_key_is_read_by_this_test()
    {
        Assert.Equal(14, Values().Count);
    }

    private static Dictionary<string, string> Values()
    {
        var path = new Stack<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(HoconPath))
        {
            var line = raw.Trim();
            if (line.EndsWith('{'))
            {
                path.Push(line.TrimEnd('{').Trim());
            }
            else if (line == "}")
            {
                path.Pop();
            }
            else if (KeyValue().Match(line) is { Success: true } match)
            {
                values[string.Join('.', path.Reverse().Append(match.Groups[1].Value))] = match.Groups[2].Value.Trim();
            }
        }

        return values;
    }

    private static string FindHocon()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "hocon", "ragex.hocon");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("hocon/ragex.hocon not found above the test directory");
    }

    [GeneratedRegex(@"^\s*([a-z][a-z0-9-]*)\s*=\s*(.+)$")]
    private static partial Regex KeyValue();
}

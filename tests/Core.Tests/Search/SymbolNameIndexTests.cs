using Ragex.Core.Search;

namespace Ragex.Core.Tests.Search;

public sealed class SymbolNameIndexTests
{
    private const int Limit = 50;

    /// <summary>
    /// Identifier-like names from a fixed seed: words of a few hundred (a handful of common ones, the rest random
    /// letters, as a real vocabulary is), joined snake_case or camelCase, some with a digit, a non-ASCII letter or a sigil.
    /// </summary>
    private static List<string> Names(int count)
    {
        var random = new Random(16);
        string[] common = ["spin", "lock", "irq", "save", "mutex", "init", "alloc", "free", "dev", "Url", "Parse", "get", "set"];
        var words = common.Concat(Enumerable.Range(0, 400).Select(_ => new string(Enumerable.Range(0, random.Next(2, 8)).Select(_ => (char)('a' + random.Next(26))).ToArray()))).ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => words[random.Next(words.Length)]).ToList();
            var name = random.Next(3) == 0 ? string.Concat(parts) : string.Join('_', parts);
            name += random.Next(4) switch { 0 => random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture), 1 => "é", _ => "" };
            names.Add(random.Next(20) == 0 ? "$" + name : name);
        }

        return [.. names];
    }

    /// <summary>What the lookup did before the index: score every distinct name.</summary>
    private static List<ScoredName> ScoreEveryName(IEnumerable<string> names, string query, int limit) =>
        names.Where(n => !SymbolNameIndex.CoveredByPrefix(query, n))
            .Select(n => new ScoredName(n, SymbolMatcher.Score(query, n)))
            .Where(n => n.Score > 0)
            .OrderByDescending(n => n.Score)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    [Fact]
    public void Finds_what_scoring_every_name_finds_in_the_same_order()
    {
        var names = Names(5_000);
        var index = SymbolNameIndex.Build(names);
        var random = new Random(3);
        var queries = new List<string> { "urlprs", "spnlock", "kmlaloc", "KMALLOC", "x", "ctx_é", "mutx_init", "zzzz", "$spin" };
        foreach (var name in names.OrderBy(_ => random.Next()).Take(200))
        {
            var at = random.Next(name.Length);
            queries.Add(random.Next(3) switch
            {
                0 => name.Remove(at, 1),
                1 when at + 1 < name.Length => string.Concat(name.AsSpan(0, at), name[at + 1].ToString(), name[at].ToString(), name.AsSpan(at + 2)),
                _ => name.Remove(at, 1).Insert(at, "q"),
            });
        }

        foreach (var query in queries.Where(q => q.Length > 0))
        {
            Assert.Equal(ScoreEveryName(names, query, Limit), index.Find(query, Limit).Names);
        }
    }

    [Theory]
    [InlineData("spin_lock_irqsqve", "spin_lock_irqsave")]
    [InlineData("spin_lock_irqsvae", "spin_lock_irqsave")]
    [InlineData("kmlaloc_free_page", "kmalloc_free_page")]
    public void A_typo_or_a_swap_finds_the_name_and_verifies_few_names(string query, string expected)
    {
        var names = Names(100_000);
        names.Add("spin_lock_irqsave");
        names.Add("kmalloc_free_page");
        var index = SymbolNameIndex.Build(names.Distinct(StringComparer.Ordinal).ToList());

        var found = index.Find(query, Limit);

        Assert.Contains(expected, found.Names.Select(n => n.Name));
        Assert.True(found.Verified < index.Count / 20, $"verified {found.Verified} of {index.Count}");
    }

    [Fact]
    public void A_subsequence_verifies_only_names_holding_its_characters()
    {
        var names = Names(100_000);
        names.Add("urlparse");
        var index = SymbolNameIndex.Build(names.Distinct(StringComparer.Ordinal).ToList());

        var found = index.Find("urlprs", Limit);

        Assert.Contains("urlparse", found.Names.Select(n => n.Name));
        Assert.True(found.Verified < index.Count / 20, $"verified {found.Verified} of {index.Count}");
    }
}

using Ragex.Core.Search;
using Ragex.Core.Storage;

namespace Ragex.Core.Tests.Search;

public sealed class SymbolMatcherTests
{
    [Fact]
    public void Ranks_exact_over_case_insensitive_over_prefix_over_subsequence_over_typo()
    {
        var exact = SymbolMatcher.Score("urlparse", "urlparse");
        var ignoringCase = SymbolMatcher.Score("urlparse", "UrlParse");
        var prefix = SymbolMatcher.Score("urlparse", "urlparse_extra");
        var subsequence = SymbolMatcher.Score("urlparse", "url_do_parse");
        var typo = SymbolMatcher.Score("urlparse", "urlpasre");

        Assert.True(exact > ignoringCase && ignoringCase > prefix && prefix > subsequence && subsequence > typo && typo > 0,
            $"{exact} {ignoringCase} {prefix} {subsequence} {typo}");
    }

    [Fact]
    public void A_leading_sigil_matches_like_a_difference_in_case()
    {
        Assert.Equal(SymbolMatcher.ExactIgnoringCase, SymbolMatcher.Score("ZodType", "$ZodType"));
        Assert.Equal(SymbolMatcher.ExactIgnoringCase, SymbolMatcher.Score("name", "@name"));
        Assert.True(SymbolMatcher.Score("ZodType", "$ZodTypes") < SymbolMatcher.ExactIgnoringCase);
    }

    [Fact]
    public void Unrelated_names_do_not_match() => Assert.Equal(0, SymbolMatcher.Score("urlparse", "Thread"));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "abd", 1)]
    [InlineData("kmalloc", "kmlaloc", 1)]
    [InlineData("urlparse", "urlpasre", 1)]
    [InlineData("ab", "ba", 1)]
    public void Edit_distance(string a, string b, int expected) => Assert.Equal(expected, SymbolMatcher.EditDistance(a, b, 5));

    [Fact]
    public void Edit_distance_gives_up_past_the_limit() => Assert.Equal(2, SymbolMatcher.EditDistance("abcdef", "uvwxyz", 1));

    [Theory]
    [InlineData("ParseResult.geturl", "ParseResult", "geturl")]
    [InlineData("std::vector", "std", "vector")]
    [InlineData("plain", null, "plain")]
    public void Splits_qualified_names(string query, string? scope, string name) =>
        Assert.Equal((scope, name), SymbolSearcher.SplitQualified(query));

    [Fact]
    public void A_matching_scope_ranks_a_method_above_a_namesake()
    {
        var inClass = new SymbolRecord("geturl", "member", 1, 2, null, "ParseResult", "class", "Python", "def geturl(self):");
        var elsewhere = new SymbolRecord("geturl", "member", 1, 2, null, "Other", "class", "Python", "def geturl(self):");

        Assert.True(SymbolSearcher.Rank("geturl", "ParseResult", inClass) > SymbolSearcher.Rank("geturl", "ParseResult", elsewhere));
    }

    [Fact]
    public void A_definition_ranks_above_a_variable_of_the_same_name()
    {
        var function = new SymbolRecord("parse", "function", 1, 2, null, null, null, "Python", "def parse():");
        var variable = new SymbolRecord("parse", "variable", 1, 1, null, null, null, "Python", "parse = None");

        Assert.True(SymbolSearcher.Rank("parse", null, function) > SymbolSearcher.Rank("parse", null, variable));
    }

    [Fact]
    public void A_swapped_pair_in_a_short_name_is_a_typo_not_a_miss() => Assert.True(SymbolMatcher.Score("kmlaloc", "kmalloc") > 0);
}

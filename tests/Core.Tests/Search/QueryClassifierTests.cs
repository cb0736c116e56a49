using Ragex.Core.Search;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class QueryClassifierTests
{
    [Theory]
    [InlineData("urlparse", SearchMode.Symbol)]
    [InlineData("ParseResult.geturl", SearchMode.Symbol)]
    [InlineData("std::vector", SearchMode.Symbol)]
    [InlineData("_private_name", SearchMode.Symbol)]
    [InlineData("def urlparse\\(", SearchMode.Regex)]
    [InlineData("foo.*bar", SearchMode.Regex)]
    [InlineData("^import os$", SearchMode.Regex)]
    [InlineData("a|b", SearchMode.Regex)]
    [InlineData("split a url into its parts", SearchMode.Hybrid)]
    [InlineData("where are http cookies parsed", SearchMode.Hybrid)]
    [InlineData("res.send body encoding and ETag generation", SearchMode.Hybrid)]
    [InlineData("how does app.use() mount sub-applications?", SearchMode.Hybrid)]
    [InlineData("open\\(.*\\)", SearchMode.Regex)]
    [InlineData("sendFile()", SearchMode.Regex)]
    public void Picks_a_mode_from_the_shape_of_the_query(string query, SearchMode expected) =>
        Assert.Equal(expected, QueryClassifier.Classify(query).Mode);

    [Fact]
    public void Identifiers_are_not_literal() => Assert.False(QueryClassifier.Classify("urlparse").Literal);
}

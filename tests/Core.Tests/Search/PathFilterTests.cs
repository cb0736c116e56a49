using Ragex.Core.Search;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class PathFilterTests
{
    private static PathFilter Filter(string[] globs, string[]? types = null) =>
        new(new SearchRequest("q", SearchMode.Symbol) { Globs = globs, Types = types ?? [] }, new RipgrepFileTypes());

    [Theory]
    [InlineData(new[] { "*.py" }, "pkg/mod.py", true)]
    [InlineData(new[] { "*.py" }, "pkg/mod.c", false)]
    [InlineData(new[] { "!*.py" }, "pkg/mod.py", false)]
    [InlineData(new[] { "!*.py" }, "pkg/mod.c", true)]
    [InlineData(new[] { "pkg/**" }, "pkg/sub/mod.c", true)]
    [InlineData(new[] { "pkg/**" }, "other/mod.c", false)]
    [InlineData(new[] { "*.py", "!test_*.py" }, "test_mod.py", false)]
    public void Globs_follow_ripgrep(string[] globs, string path, bool expected) =>
        Assert.Equal(expected, Filter(globs).Matches(path));

    [Fact]
    public void Types_come_from_ripgrep_type_list()
    {
        var filter = Filter([], ["py"]);
        Assert.True(filter.Matches("a/b.py"));
        Assert.False(filter.Matches("a/b.rs"));
    }

    [Fact]
    public void An_unknown_type_is_a_clear_error() =>
        Assert.Throws<RagexException>(() => Filter([], ["no-such-type"]));
}

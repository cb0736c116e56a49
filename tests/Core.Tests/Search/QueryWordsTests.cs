using Ragex.Core.Search;

namespace Ragex.Core.Tests.Search;

/// <summary>How much of a question a file's outline (the names it defines) holds.</summary>
public sealed class QueryWordsTests
{
    [Theory]
    [InlineData(new[] { "HandleMMFault", "page_alloc", "unrelated" }, 1.0)]
    [InlineData(new[] { "PAGE_SIZE", "do_fault" }, 2.0 / 3)]
    [InlineData(new[] { "handlers", "x", "" }, 1.0 / 3)]
    [InlineData(new[] { "unrelated", "pagination" }, 0.0)]
    [InlineData(new string[0], 0.0)]
    public void The_share_is_the_query_words_found_among_the_names_words(string[] names, double share) =>
        Assert.Equal(share, new QueryWords("page fault handler").Share(names), 9);
}

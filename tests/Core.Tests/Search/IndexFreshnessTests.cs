using Ragex.Core.Configuration;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Tests.Support;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

/// <summary>A reply says how current each searched index was, as the process that watches the projects reports it.</summary>
public sealed class IndexFreshnessTests
{
    [Theory]
    [InlineData(IndexState.Behind, 3, "index behind by 3 changed file(s)")]
    [InlineData(IndexState.Behind, 0, "a rescan is under way")]
    [InlineData(IndexState.Polling, 0, "max_user_watches")]
    [InlineData(IndexState.Behind, 0, "moved to index.db.broken")]
    public async Task A_project_that_is_not_fresh_is_named_in_the_reply_and_its_notes(IndexState state, int changed, string note)
    {
        using var directory = new TemporaryDirectory();
        var root = directory.Combine("repo");
        directory.Write("repo/a.txt", "needle\n");
        var registry = new ProjectRegistry(new RagexHome(directory.Combine("home")));
        registry.Register(root);
        var reported = new IndexFreshness(root, state, changed)
        {
            Detail = (state, changed, note) switch
            {
                (IndexState.Polling, _, _) => "the inotify watch limit is reached; raise fs.inotify.max_user_watches",
                (_, _, "moved to index.db.broken") => "index.db was unreadable: moved to index.db.broken-20261206T000000 and rebuilt from the files",
                _ => null,
            },
        };
        var engine = new SearchEngine(
            registry, new Dictionary<SearchMode, ISearcher> { [SearchMode.Regex] = new RegexSearcher() }, new RankingOptions(), freshness: _ => reported);

        var reply = await engine.SearchAsync(new SearchRequest("needle", SearchMode.Regex), root, CancellationToken.None);

        Assert.Equal(reported, Assert.Single(reply.Freshness));
        Assert.Contains(reply.Notes, n => n.Contains(note, StringComparison.Ordinal) && n.StartsWith(root, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fresh_index_adds_no_note_and_a_process_that_watches_nothing_reports_nothing()
    {
        using var directory = new TemporaryDirectory();
        var root = directory.Combine("repo");
        directory.Write("repo/a.txt", "needle\n");
        var registry = new ProjectRegistry(new RagexHome(directory.Combine("home")));
        registry.Register(root);
        var searchers = new Dictionary<SearchMode, ISearcher> { [SearchMode.Regex] = new RegexSearcher() };
        var request = new SearchRequest("needle", SearchMode.Regex);

        var watched = await new SearchEngine(registry, searchers, new RankingOptions(), freshness: _ => new IndexFreshness(root, IndexState.Fresh, 0))
            .SearchAsync(request, root, CancellationToken.None);
        var unwatched = await new SearchEngine(registry, searchers, new RankingOptions()).SearchAsync(request, root, CancellationToken.None);

        Assert.Equal(IndexState.Fresh, Assert.Single(watched.Freshness).State);
        Assert.Empty(watched.Notes);
        Assert.Empty(unwatched.Freshness);
    }
}

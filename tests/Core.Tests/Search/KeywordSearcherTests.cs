using Ragex.Core.Chunking;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class KeywordSearcherTests
{
    [Fact]
    public async Task Keyword_search_runs_the_ranking_stack_so_a_file_named_after_the_query_beats_a_wordier_window()
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine("data"));
        Directory.CreateDirectory(project.DataDirectory);
        using (var database = IndexDatabase.Open(project.DatabasePath))
        {
            using var batch = database.BeginBatch();
            batch.ReplaceFile(new FileRecord("src/util.py", 1, 1, "h1"), [],
                [new Chunk(1, 9, null, Chunk.WindowKind, "src/util.py\n# session store helpers: session store session store cache session", "x1").In("src/util.py")]);
            batch.ReplaceFile(new FileRecord("src/sessions.py", 1, 1, "h2"), [],
                [new Chunk(1, 9, "save", "function", "src/sessions.py function save\ndef save(self): keep the session in the store for the next request", "x2").In("src/sessions.py")]);
            batch.Commit();
        }

        var hits = await new KeywordSearcher(new RipgrepFileTypes(), new RankingOptions())
            .SearchAsync(new SearchScope(project, []), new SearchRequest("session store", SearchMode.Keyword), CancellationToken.None);

        Assert.Equal(["src/sessions.py", "src/util.py"], hits.Select(h => h.Path));
    }

    [Fact]
    public async Task A_bare_name_leads_with_the_chunk_that_defines_it_rather_than_a_method_that_repeats_it()
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine("data"));
        Directory.CreateDirectory(project.DataDirectory);
        using (var database = IndexDatabase.Open(project.DatabasePath))
        {
            using var batch = database.BeginBatch();
            batch.ReplaceFile(new FileRecord("src/models.py", 1, 1, "h1"), [],
            [
                new Chunk(1, 20, "PreparedRequest", "class", "src/models.py class PreparedRequest\nclass PreparedRequest: the fully mutable object holding the exact bytes that will be sent to the server, built by a session", "x1").In("src/models.py"),
                new Chunk(21, 30, "PreparedRequest.copy", "method", "src/models.py method PreparedRequest.copy\ndef copy(self): p = PreparedRequest(); p.hooks = PreparedRequest.hooks; return p", "x2").In("src/models.py"),
            ]);
            batch.Commit();
        }

        var searcher = new KeywordSearcher(new RipgrepFileTypes(), new RankingOptions());
        var hits = await searcher.SearchAsync(new SearchScope(project, []), new SearchRequest("PreparedRequest", SearchMode.Keyword), CancellationToken.None);

        Assert.Equal(1, hits[0].Line);
    }

    [Fact]
    public async Task Keyword_search_alone_takes_its_own_deeper_candidate_list()
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine("data"));
        Directory.CreateDirectory(project.DataDirectory);
        using (var database = IndexDatabase.Open(project.DatabasePath))
        {
            using var batch = database.BeginBatch();
            batch.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [], [new Chunk(1, 2, null, Chunk.WindowKind, "a.py\nretry", "x1").In("a.py")]);
            batch.ReplaceFile(new FileRecord("b.py", 1, 1, "h2"), [], [new Chunk(1, 2, null, Chunk.WindowKind, "b.py\nretry later", "x2").In("b.py")]);
            batch.Commit();
        }

        var searcher = new KeywordSearcher(new RipgrepFileTypes(), new RankingOptions { Candidates = 1, KeywordCandidates = 2 });
        var hits = await searcher.SearchAsync(new SearchScope(project, []), new SearchRequest("retry", SearchMode.Keyword), CancellationToken.None);

        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public async Task A_bare_name_leads_with_the_file_named_after_its_definition()
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine("data"));
        Directory.CreateDirectory(project.DataDirectory);
        using (var database = IndexDatabase.Open(project.DatabasePath))
        {
            using var batch = database.BeginBatch();
            batch.ReplaceFile(new FileRecord("Dapper/SqlMapper.Async.cs", 1, 1, "h1"), [],
                [new Chunk(1, 9, "SqlMapper", "class", "Dapper/SqlMapper.Async.cs class SqlMapper\npartial class SqlMapper { SqlMapper.QueryAsync }", "x1").In("Dapper/SqlMapper.Async.cs")]);
            batch.ReplaceFile(new FileRecord("Dapper/SqlMapper.cs", 1, 1, "h2"), [],
                [new Chunk(1, 9, "SqlMapper", "class", "Dapper/SqlMapper.cs class SqlMapper\npartial class SqlMapper: the extension methods every query goes through, with caches of generated readers", "x2").In("Dapper/SqlMapper.cs")]);
            batch.Commit();
        }

        var searcher = new KeywordSearcher(new RipgrepFileTypes(), new RankingOptions());
        var hits = await searcher.SearchAsync(new SearchScope(project, []), new SearchRequest("SqlMapper", SearchMode.Keyword), CancellationToken.None);

        Assert.Equal("Dapper/SqlMapper.cs", hits[0].Path);
    }
    [Theory]
    [InlineData(2, false)]
    [InlineData(10, true)]
    public async Task When_the_chunks_holding_every_word_fill_the_candidates_they_are_the_candidates(int candidates, bool oneWordChunkFound)
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine("data"));
        Directory.CreateDirectory(project.DataDirectory);
        using (var database = IndexDatabase.Open(project.DatabasePath))
        {
            using var batch = database.BeginBatch();
            // Long chunks that hold every word once, a short one that holds one word many times (BM25 ranks it first),
            // and chunks without any, so that no word is in every chunk.
            var filler = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"w{i % 50}"));
            foreach (var name in new[] { "a", "b", "c" })
            {
                Store(batch, $"{name}.c", $"/* the page fault handler maps the page */ {filler}");
            }

            Store(batch, "handlers.c", string.Join(' ', Enumerable.Repeat("handler", 20)));
            for (var i = 0; i < 10; i++)
            {
                Store(batch, $"other{i}.c", "int main(void) { return 0; }");
            }

            batch.Commit();
        }

        var hits = await new KeywordSearcher(new RipgrepFileTypes(), new RankingOptions { KeywordCandidates = candidates })
            .SearchAsync(new SearchScope(project, []), new SearchRequest("page fault handler", SearchMode.Keyword), CancellationToken.None);

        Assert.Equal(oneWordChunkFound, hits.Any(h => h.Path == "handlers.c"));
        Assert.Equal(Math.Min(candidates, 3), hits.Count(h => h.Path != "handlers.c"));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(12, true)]
    public void When_the_chunks_holding_all_words_but_one_fill_the_candidates_they_are_the_candidates_with_their_whole_question_scores(
        int candidates, bool oneWordChunkFound)
    {
        using var directory = new TemporaryDirectory();
        var project = new Project("p", directory.Path, directory.Combine("data"));
        Directory.CreateDirectory(project.DataDirectory);
        using var database = IndexDatabase.Open(project.DatabasePath);
        using (var batch = database.BeginBatch())
        {
            var filler = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"w{i % 50}"));
            Store(batch, "every.c", $"/* the page fault handler maps the page */ {filler}");
            Store(batch, "page_fault.c", $"page fault page fault {filler}");
            Store(batch, "fault_handler.c", "fault handler");
            Store(batch, "page_handler.c", $"page handler {filler}");
            Store(batch, "page_fault_again.c", "page fault");
            Store(batch, "handlers.c", string.Join(' ', Enumerable.Repeat("handler", 20)));
            for (var i = 0; i < 10; i++)
            {
                Store(batch, $"other{i}.c", "int main(void) { return 0; }");
            }

            batch.Commit();
        }

        var ranking = new RankingOptions { Candidates = candidates };
        var ranked = new KeywordSearcher(new RipgrepFileTypes(), ranking).Rank(new SearchScope(project, []), database, "page fault handler");

        var anyWord = database.Chunks.KeywordSearch(
            KeywordQuery.ToFts(["page", "fault", "handler"], "OR"), ranking.SymbolNameWeight, ranking.IdentifierWordsWeight, ranking.PathWordsWeight, 100);
        var handlers = anyWord.Single(hit => database.Chunks.ById([hit.Id])[hit.Id].Path == "handlers.c").Id;
        Assert.Equal(oneWordChunkFound, ranked.Any(hit => hit.Id == handlers));
        // Every chunk holding two or three of the words, in the whole question's order and with its scores.
        Assert.Equal(anyWord.Where(hit => hit.Id != handlers).Take(5), ranked.Where(hit => hit.Id != handlers).Take(5));
    }

    private static void Store(IndexBatch batch, string path, string code) =>
        batch.ReplaceFile(new FileRecord(path, 1, 1, path), [], [new Chunk(1, 3, null, Chunk.WindowKind, $"{path}\n{code}", path).In(path)]);
}

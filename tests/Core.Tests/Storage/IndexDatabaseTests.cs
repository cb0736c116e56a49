using Ragex.Core.Chunking;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Storage;

public sealed class IndexDatabaseTests
{
    private static readonly SymbolRecord Symbol = new("f", "function", 1, 2, "()", null, null, "Python", "def f():");

    [Fact]
    public void A_new_database_is_migrated_to_the_latest_schema_version()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));

        Assert.Equal(Migrations.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), database.Meta.Get(MetaKeys.SchemaVersion));
    }

    [Fact]
    public void Writers_creating_an_index_at_once_each_find_it_at_the_latest_version()
    {
        using var directory = new TemporaryDirectory();
        for (var round = 0; round < 30; round++)
        {
            var path = directory.Combine($"index{round}.db");
            using var start = new Barrier(3);

            Parallel.For(0, 3, _ =>
            {
                start.SignalAndWait();
                using var database = IndexDatabase.OpenForWriting(path);
                Assert.Equal(Migrations.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), database.Meta.Get(MetaKeys.SchemaVersion));
            });
        }
    }

    [Fact]
    public void A_writer_gives_its_page_cache_back_when_asked()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.OpenForWriting(directory.Combine("index.db"));
        Write(database, b =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                b.ReplaceFile(new FileRecord($"f{i}.py", 1, 1, $"h{i}"), [Symbol with { Name = $"name_{i}", Signature = new string('x', 500) }], []);
            }
        });
        var filled = database.CacheBytes();

        database.ReleaseMemory();

        Assert.True(filled > 1 << 20, $"{filled} bytes cached");
        Assert.True(database.CacheBytes() < filled / 4, $"{database.CacheBytes()} of {filled} bytes still cached");
    }

    [Fact]
    public void Replacing_a_file_replaces_its_symbols_and_deleting_it_removes_them()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol, Symbol with { Name = "g" }], []));
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 2, "h2"), [Symbol with { Name = "h" }], []));

        Assert.Equal(["h"], database.Symbols.Find("h", prefix: false).Select(s => s.Symbol.Name));
        Assert.Empty(database.Symbols.Find("g", prefix: false));
        Write(database, b => b.DeleteFiles(["a.py"]));
        Assert.Equal(0, database.Symbols.Count());
        Assert.Equal(0, database.Files.Count());
    }

    [Fact]
    public void An_uncommitted_batch_leaves_nothing_behind()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        using (var batch = database.BeginBatch())
        {
            batch.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol], []);
        }

        Assert.Equal(0, database.Files.Count());
        Assert.Equal(0, database.Symbols.Count());
    }

    [Fact]
    public void Prefix_search_treats_like_wildcards_literally()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h"), [Symbol with { Name = "a_b" }, Symbol with { Name = "axb" }], []));

        Assert.Equal(["a_b"], database.Symbols.Find("a_", prefix: true).Select(s => s.Symbol.Name));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_in_one_line()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("index.db", "this is not sqlite, just text that is long enough to have a header............");

        var error = Assert.Throws<RagexException>(() => IndexDatabase.Open(path, readOnly: true));

        Assert.Contains("unreadable index database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_index_an_older_ragex_wrote_is_refused_by_readers_in_one_line()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        using (var database = IndexDatabase.Open(path))
        {
            Write(database, b => b.SetMeta(MetaKeys.SchemaVersion, "6"));
        }

        var error = Assert.Throws<RagexException>(() => IndexDatabase.Open(path, readOnly: true));
        Assert.Contains("older ragex", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_unchanged_chunk_keeps_its_embedding_and_a_changed_one_needs_a_new_one()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Chunk Make(string text) => new(1, 2, "f", "function", text, text + "-hash");
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol], [Make("same"), Make("old")]));
        Write(database, b => b.SetVectors(Ragex.Core.VectorIndex.VectorTier.Transformer, [1, 2], [[1f, 0f], [0f, 1f]]));

        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 2, "h2"), [Symbol], [Make("same"), Make("new")]));

        Assert.Equal(["new"], database.Chunks.Pending(Ragex.Core.VectorIndex.VectorTier.Transformer).Select(p => p.Text));
        Assert.Equal([1f, 0f], database.Vectors.All(Ragex.Core.VectorIndex.VectorTier.Transformer).Single().Vector);
    }

    [Fact]
    public void A_second_vector_for_an_embedded_chunk_is_ignored()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol], [new Chunk(1, 2, "f", "function", "text", "hash")]));
        Write(database, b => b.SetVectors(Ragex.Core.VectorIndex.VectorTier.Transformer, [1], [[1f, 0f]]));

        Write(database, b => b.SetVectors(Ragex.Core.VectorIndex.VectorTier.Transformer, [1], [[0f, 1f]]));

        Assert.Equal([1f, 0f], database.Vectors.All(Ragex.Core.VectorIndex.VectorTier.Transformer).Single().Vector);
        Assert.Equal(1L, database.Chunks.CountEmbedded());
    }

    [Fact]
    public void Keyword_search_ranks_by_bm25_with_symbol_names_weighted()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h"), [Symbol],
        [
            new Chunk(1, 2, "other", "function", "mentions parse once among many other words here", "x1"),
            new Chunk(3, 4, "parse", "function", "def parse(): pass", "x2"),
        ]));

        var ranked = database.Chunks.KeywordSearch("\"parse\"", symbolWeight: 4.0, wordsWeight: 1.0, pathWeight: 1.0, limit: 10);

        Assert.Equal([2L, 1L], ranked.Select(r => r.Id));
    }

    [Fact]
    public void Keyword_search_finds_the_words_inside_compound_identifiers()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        var chunk = new Chunk(1, 2, "parseHttpHeader", "function", "a.py function parseHttpHeader\ndef parseHttpHeader(raw): ...", "h");
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol], [chunk]));

        Assert.Single(database.Chunks.KeywordSearch("\"http\" AND \"header\"", 4.0, 1.0, 1.0, 10));
    }

    [Fact]
    public void Keyword_search_stems_words_so_inflections_meet()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        var chunk = new Chunk(1, 2, "open", "function", "a.py function open\ndef open(): return the stored session", "h");
        Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol], [chunk]));

        Assert.Single(database.Chunks.KeywordSearch("\"sessions\" AND \"storing\"", 4.0, 1.0, 1.0, 10));
    }

    [Fact]
    public void Keyword_search_weighs_the_words_of_the_file_path()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Write(database, b => b.ReplaceFile(new FileRecord("src/util.py", 1, 1, "h1"), [Symbol],
            [new Chunk(1, 2, null, Chunk.WindowKind, "src/util.py\nrouting table routing", "x1").In("src/util.py")]));
        Write(database, b => b.ReplaceFile(new FileRecord("src/routing/table.py", 1, 1, "h2"), [Symbol],
            [new Chunk(1, 2, null, Chunk.WindowKind, "src/routing/table.py\nentries", "x2").In("src/routing/table.py")]));

        Assert.Equal([1L, 2L], database.Chunks.KeywordSearch("\"routing\" OR \"table\"", 4.0, 1.0, 0.0, 10).Select(h => h.Id));
        Assert.Equal([2L, 1L], database.Chunks.KeywordSearch("\"routing\" OR \"table\"", 4.0, 1.0, 4.0, 10).Select(h => h.Id));
    }

    [Fact]
    public void An_index_of_the_previous_schema_gets_path_words_and_stemming_when_migrated()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        WriteIndexBefore(path, Migrations.PathWordsVersion, """
            INSERT INTO files(id, path, size, mtime, sha256, indexed_at) VALUES (1, 'src/routing/table.py', 1, 1, 'h', 0);
            INSERT INTO chunks(id, file_id, start_line, end_line, symbol, kind, text_hash, text, words)
            VALUES (5, 1, 1, 2, NULL, 'window', 'x', 'src/routing/table.py' || char(10) || 'stored entries', '');
            """);
        using var database = IndexDatabase.Open(path);

        Assert.Equal([5L], database.Chunks.KeywordSearch("\"storing\" AND path_words : \"routes\"", 4.0, 1.0, 1.0, 10).Select(h => h.Id));
        Write(database, b => b.DeleteFiles(["src/routing/table.py"]));
        Assert.Empty(database.Chunks.KeywordSearch("\"storing\"", 4.0, 1.0, 1.0, 10));
    }

    [Fact]
    public void An_index_without_identifier_words_gets_them_for_every_chunk_when_migrated()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        WriteIndexBefore(path, Migrations.IdentifierWordsVersion, """
            INSERT INTO files(id, path, size, mtime, sha256, indexed_at) VALUES (1, 'a.py', 1, 1, 'h', 0), (2, 'b.py', 1, 1, 'h', 0);
            INSERT INTO chunks(id, file_id, start_line, end_line, symbol, kind, text_hash, text)
            VALUES (5, 1, 1, 2, NULL, 'window', 'x', 'def parseHttpHeader(raw): ...'),
                   (6, 2, 1, 2, NULL, 'window', 'y', 'getUserName = 3'),
                   (7, 2, 3, 4, NULL, 'window', 'z', 'plain words only');
            """);
        using (var database = IndexDatabase.Open(path))
        {
            Assert.Equal([5L], database.Chunks.KeywordSearch("words : \"http\"", 4.0, 1.0, 1.0, 10).Select(h => h.Id));
            Assert.Equal([6L], database.Chunks.KeywordSearch("words : \"user\"", 4.0, 1.0, 1.0, 10).Select(h => h.Id));
        }

        Assert.Equal(
            new[] { "def parseHttpHeader(raw): ...", "getUserName = 3", "plain words only" }.Select(IdentifierWords.Compounds),
            ChunkColumn(path, "words"));
    }

    [Fact]
    public void Migrating_path_words_gives_every_chunk_the_words_the_chunker_gives_its_file()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        WriteIndexBefore(path, Migrations.PathWordsVersion, """
            INSERT INTO files(id, path, size, mtime, sha256, indexed_at) VALUES (1, 'src/Json/JsonSerializer.cs', 1, 1, 'h', 0), (2, 'lib/http_client.py', 1, 1, 'h', 0);
            INSERT INTO chunks(id, file_id, start_line, end_line, symbol, kind, text_hash, text, words)
            VALUES (5, 1, 1, 2, NULL, 'window', 'x', 'a', ''), (6, 2, 1, 2, NULL, 'window', 'y', 'b', ''), (7, 1, 3, 4, NULL, 'window', 'z', 'c', '');
            """);
        IndexDatabase.Open(path).Dispose();

        Assert.Equal(
            new[] { "src/Json/JsonSerializer.cs", "lib/http_client.py", "src/Json/JsonSerializer.cs" }.Select(IdentifierWords.OfPath),
            ChunkColumn(path, "path_words"));
    }

    [Fact]
    public void Migrating_name_words_gives_every_file_the_words_of_its_stored_names()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        WriteIndexBefore(path, Migrations.NameWordsVersion, """
            INSERT INTO files(id, path, size, mtime, sha256, indexed_at) VALUES (1, 'mm/slab.c', 1, 1, 'h', 0), (2, 'empty.c', 1, 1, 'h', 0);
            INSERT INTO symbols(file_id, name, kind, line, preview)
            VALUES (1, 'kmalloc_array', 'function', 1, ''), (1, 'parseHTTPResponse', 'function', 2, ''), (1, 'KMALLOC_MAX', 'macro', 3, '');
            """);
        using var database = IndexDatabase.Open(path);

        Assert.Equal(IdentifierWords.OfNames(["kmalloc_array", "parseHTTPResponse", "KMALLOC_MAX"]).Split(' '), database.Symbols.NameWordsByPath(["mm/slab.c"], ["a", "e", "t"])["mm/slab.c"]);
        Assert.Empty(database.Symbols.NameWordsByPath(["empty.c"], ["a"])["empty.c"]);
    }

    /// <summary>An index as the schema before <paramref name="version"/> left it, holding <paramref name="rows"/> (SQL).</summary>
    private static void WriteIndexBefore(string path, int version, string rows)
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Concat(Migrations.Steps.Take(version - 1))
                + $"INSERT INTO meta(key, value) VALUES ('{MetaKeys.SchemaVersion}', '{version - 1}');\n" + rows;
            command.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>One column of every chunk, by id, read straight from the file.</summary>
    private static List<string> ChunkColumn(string path, string column)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM chunks ORDER BY id";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    [Fact]
    public void A_bulk_load_restores_the_schema_and_the_keyword_index_even_after_a_kill()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        string Schema(IndexDatabase d) => string.Join('\n', d.Schema());
        string fresh;
        using (var database = IndexDatabase.Open(path))
        {
            fresh = Schema(database);
            database.BeginBulkLoad();
            Write(database, b => b.ReplaceFile(new FileRecord("a.py", 1, 1, "h1"), [Symbol], [new Chunk(1, 2, "open", "function", "a.py function open\ndef open(): the session", "h")]));
            Assert.NotEqual(fresh, Schema(database));
            Assert.Empty(database.Chunks.KeywordSearch("\"session\"", 4.0, 1.0, 1.0, 10));
        }

        // Killed in bulk mode: the next writer to open the index completes the load.
        using var reopened = IndexDatabase.Open(path);

        Assert.Equal(fresh, Schema(reopened));
        Assert.Single(reopened.Chunks.KeywordSearch("\"session\"", 4.0, 1.0, 1.0, 10));
        Assert.Single(reopened.Symbols.Find("f", prefix: false));

        // Rebuilt without FTS5's automatic merging, which later writes need again.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var automerge = connection.CreateCommand();
        automerge.CommandText = "SELECT v FROM chunks_fts_config WHERE k = 'automerge'";
        Assert.Equal(4L, automerge.ExecuteScalar());
    }

    [Fact]
    public void Keyword_only_chunks_wait_for_no_vector_and_keep_none_when_a_model_changes()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        var chunk = new Chunk(1, 2, null, Chunk.WindowKind, "regs.h\n#define A 1", "h");
        Write(database, b => b.ReplaceFile(new FileRecord("regs.h", 1, 1, "h1"), [], [chunk], keywordOnly: true));
        Write(database, b => b.ClearVectors(Ragex.Core.VectorIndex.VectorTier.Transformer));

        Assert.Equal(0, database.Chunks.CountPending(Ragex.Core.VectorIndex.VectorTier.Transformer));
        Assert.Equal(0, database.Chunks.CountPending(Ragex.Core.VectorIndex.VectorTier.Static));
        Assert.Empty(database.Vectors.All(Ragex.Core.VectorIndex.VectorTier.Static));
        Assert.Single(database.Chunks.KeywordSearch("\"regs\"", 4.0, 1.0, 1.0, 10));
    }

    [Fact]
    public void The_keyword_index_merges_step_by_step_into_one_segment_and_finds_the_same_chunks()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        // Each commit writes a segment of its own; FTS5 merges them only four at a time.
        foreach (var file in Enumerable.Range(0, 3))
        {
            Write(database, b =>
            {
                foreach (var i in Enumerable.Range(0, 200))
                {
                    var path = $"m{file}/f{i}.py";
                    b.ReplaceFile(new FileRecord(path, 1, 1, $"h{file}-{i}"), [], [new Chunk(1, 2, null, Chunk.WindowKind, $"{path}\nsession {i} of batch{file} word{i % 7}", $"c{file}-{i}")]);
                }
            });
        }

        const string query = "\"session\" AND \"word3\"";
        var before = database.Chunks.KeywordSearch(query, 4.0, 1.0, 1.0, 1000);
        Assert.True(database.KeywordSegments() > 1);

        var steps = 0;
        while (database.MergeKeywordIndex(pages: 2))
        {
            steps++;
        }

        Assert.Equal(1, database.KeywordSegments());
        Assert.True(steps > 1, $"{steps} step(s): each step was to write about 2 pages");
        Assert.Equal(before.Select(h => h.Id).Order(), database.Chunks.KeywordSearch(query, 4.0, 1.0, 1.0, 1000).Select(h => h.Id).Order());
        Assert.Equal(3 * 29, before.Count);
        Assert.False(database.MergeKeywordIndex(pages: 2));
    }

    [Fact]
    public void Keyword_search_with_each_words_count_given_scores_as_fts5_counting_them_itself()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        Write(database, b =>
        {
            foreach (var i in Enumerable.Range(0, 60))
            {
                var path = $"pkg/m{i % 5}.py";
                var words = string.Join(' ', Enumerable.Range(0, 1 + (i % 4)).Select(_ => i % 3 == 0 ? "session" : "cookie"));
                b.ReplaceFile(new FileRecord(path + i, 1, 1, $"h{i}"), [], [new Chunk(1, 2, i % 2 == 0 ? "open_session" : null, Chunk.WindowKind, $"{path}\n{words} jar{i % 6} store", $"c{i}")]);
            }
        });
        Assert.True(database.Chunks.TakesDocumentCounts);

        string[] terms = ["session", "cookie", "jar2", "store"];
        var counts = terms.ToDictionary(t => t, t => database.Chunks.DocumentsMatching($"\"{t}\""));
        Assert.Equal(60, counts["store"]);
        foreach (var asked in new[] { terms[..2], terms[1..], terms[..1], terms })
        {
            foreach (var operation in new[] { " OR ", " AND " })
            {
                var fts = string.Join(operation, asked.Select(t => $"\"{t}\""));
                var itself = database.Chunks.KeywordSearch(fts, 4.0, 1.5, 0.5, 1000);
                var given = database.Chunks.KeywordSearch(fts, 4.0, 1.5, 0.5, 1000, [.. asked.Select(t => counts[t])]);
                Assert.Equal(itself.Select(h => h.Id), given.Select(h => h.Id));
                Assert.Equal(itself.Select(h => h.Score), given.Select(h => h.Score), (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Abs(a));
            }
        }

        // The counts are what weighs a word: a word said to be rare outweighs the others.
        var cookieRare = database.Chunks.KeywordSearch("\"session\" OR \"cookie\"", 1.0, 1.0, 1.0, 1, [counts["session"], 1]);
        var sessionRare = database.Chunks.KeywordSearch("\"session\" OR \"cookie\"", 1.0, 1.0, 1.0, 1, [1, counts["cookie"]]);
        Assert.NotEqual(cookieRare[0].Id, sessionRare[0].Id);
    }

    private static void Write(IndexDatabase database, Action<IndexBatch> action)
    {
        using var batch = database.BeginBatch();
        action(batch);
        batch.Commit();
    }
}

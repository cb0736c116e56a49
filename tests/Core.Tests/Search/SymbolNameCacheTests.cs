using Ragex.Core.Search;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Search;

public sealed class SymbolNameCacheTests
{
    private static readonly SymbolRecord Symbol = new("f", "function", 1, 2, "()", null, null, "C", "void f()");

    [Fact]
    public void A_stored_file_adds_its_names_without_a_rebuild_and_a_rebuild_drops_deleted_ones()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        using var database = IndexDatabase.Open(path);
        Write(database, b => b.ReplaceFile(new FileRecord("a.c", 1, 1, "a"), [Symbol with { Name = "spin_lock_irqsave" }], []));
        Write(database, b => b.ReplaceFile(new FileRecord("b.c", 1, 1, "b"), [Symbol with { Name = "kmalloc" }], []));
        var cache = new SymbolNameCache();

        Assert.Equal(["spin_lock_irqsave"], Names(cache.Find(database, path, "spin_lock_irqsvae", 10)));
        Write(database, b => b.ReplaceFile(new FileRecord("b.c", 1, 2, "b2"), [Symbol with { Name = "mutex_unlock_nested" }], []));
        Assert.Equal(["mutex_unlock_nested"], Names(cache.Find(database, path, "mutex_unlcok_nested", 10)));
        Assert.Equal(1, cache.Builds);

        Write(database, b => b.DeleteFiles(["a.c"]));
        cache.Invalidate(path);
        Assert.Empty(cache.Find(database, path, "spin_lock_irqsvae", 10).Names);
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public void Too_many_names_stored_since_the_build_rebuild_it()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        using var database = IndexDatabase.Open(path);
        Write(database, b => b.ReplaceFile(new FileRecord("a.c", 1, 1, "a"), [Symbol with { Name = "alpha" }], []));
        var cache = new SymbolNameCache { MaxRecentNames = 1, RebuildShare = 0 };
        cache.Find(database, path, "alpah", 10);

        Write(database, b => b.ReplaceFile(new FileRecord("b.c", 1, 1, "b"), [Symbol with { Name = "beta" }, Symbol with { Name = "gamma" }], []));

        Assert.Equal(["gamma"], Names(cache.Find(database, path, "gamam", 10)));
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public void Rebuilds_soon_after_the_last_one_wait_and_lookups_read_the_previous_index_meanwhile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        using var database = IndexDatabase.Open(path);
        Write(database, b => b.ReplaceFile(new FileRecord("a.c", 1, 1, "a"), [Symbol with { Name = "alpha" }], []));
        var cache = new SymbolNameCache { MaxRecentNames = 1, RebuildShare = 1e-9 };
        cache.Find(database, path, "alpah", 10);

        Write(database, b => b.ReplaceFile(new FileRecord("b.c", 1, 1, "b"), [Symbol with { Name = "beta" }, Symbol with { Name = "gamma" }], []));

        Assert.Equal(["alpha"], Names(cache.Find(database, path, "alpah", 10)));
        Assert.Empty(cache.Find(database, path, "gamam", 10).Names);
        Assert.Equal(1, cache.Builds);
    }

    [Fact]
    public void An_index_unused_for_its_time_is_let_go_and_the_next_lookup_builds_it_again()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Combine("index.db");
        using var database = IndexDatabase.Open(path);
        Write(database, b => b.ReplaceFile(new FileRecord("a.c", 1, 1, "a"), [Symbol with { Name = "kmalloc_array" }], []));
        var cache = new SymbolNameCache { ReleaseUnusedAfter = TimeSpan.FromSeconds(1) };

        Assert.Equal(["kmalloc_array"], Names(cache.Find(database, path, "kmaloc_array", 10)));
        Assert.Equal(0, cache.ReleaseUnused());
        Thread.Sleep(1200);
        Assert.Equal(1, cache.ReleaseUnused());
        Assert.Equal(0, cache.ReleaseUnused());

        Assert.Equal(["kmalloc_array"], Names(cache.Find(database, path, "kmaloc_array", 10)));
        Assert.Equal(2, cache.Builds);
    }

    private static List<string> Names(FuzzyNames found) => [.. found.Names.Select(n => n.Name)];

    private static void Write(IndexDatabase database, Action<IndexBatch> action)
    {
        using var batch = database.BeginBatch();
        action(batch);
        batch.Commit();
    }
}

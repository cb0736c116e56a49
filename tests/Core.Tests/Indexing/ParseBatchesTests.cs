using Ragex.Core.Indexing;
using Ragex.Core.Storage;

namespace Ragex.Core.Tests.Indexing;

public sealed class ParseBatchesTests
{
    private static readonly IndexerOptions Options = new() { CtagsBatchSize = 3, CtagsBatchBytes = 100 };

    [Fact]
    public void Small_files_are_cut_by_count_and_large_ones_by_bytes_each_file_once_in_order()
    {
        var files = new[] { 10, 10, 10, 10, 60, 50, 30, 150, 10 }.Select((size, i) => new FileRecord($"f{i}", size, 0, "")).ToList();

        var batches = ParseBatches.Of(files, Options).ToList();

        Assert.Equal([[0, 1, 2], [3, 4], [5, 6], [7], [8]], batches.Select(b => b.Select(f => int.Parse(f.Path[1..])).ToArray()));
        Assert.Equal(files, batches.SelectMany(b => b));
    }

    [Fact]
    public void No_files_make_no_batches() => Assert.Empty(ParseBatches.Of([], Options));
}

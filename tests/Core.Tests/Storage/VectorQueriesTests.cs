using Ragex.Core.Chunking;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Tests.Storage;

public sealed class VectorQueriesTests
{
    [Fact]
    public void The_training_sample_spreads_over_every_file_also_when_deleted_files_left_gaps_in_the_ids()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        using (var batch = database.BeginBatch())
        {
            for (var file = 0; file < 20; file++)
            {
                var chunks = Enumerable.Range(1, 50).Select(i => new Chunk(i, i, null, Chunk.WindowKind, $"f{file}.c\nint x{i};", $"h{file}-{i}")).ToList();
                batch.ReplaceFile(new FileRecord($"f{file}.c", 1, 1, $"h{file}"), [], chunks, [.. chunks.Select(_ => new float[] { file, 1 })]);
            }

            batch.Commit();
        }

        using (var batch = database.BeginBatch())
        {
            batch.DeleteFiles([.. Enumerable.Range(5, 10).Select(file => $"f{file}.c")]);
            batch.Commit();
        }

        var sample = database.Vectors.Sample(VectorTier.Static, 100, 500).ToList();

        Assert.InRange(sample.Count, 90, 110);
        Assert.Equal([0, 1, 2, 3, 4, 15, 16, 17, 18, 19], sample.Select(v => (int)v[0]).Distinct().Order());
    }
}

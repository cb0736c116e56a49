using Ragex.Core.Chunking;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Tests.VectorIndex;

public sealed class ProjectVectorsTests
{
    [Fact]
    public void A_tier_of_mostly_keyword_only_chunks_builds_an_exact_index_of_the_few_vectors_it_has()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        var generated = Enumerable.Range(1, 40).Select(i => new Chunk(i, i, null, Chunk.WindowKind, $"regs.h\n#define R{i} {i}", $"g{i}")).ToList();
        var code = Enumerable.Range(1, 3).Select(i => new Chunk(i, i, null, Chunk.WindowKind, $"a.c\nint f{i}(void);", $"c{i}")).ToList();
        using (var batch = database.BeginBatch())
        {
            batch.ReplaceFile(new FileRecord("regs.h", 1, 1, "h1"), [], generated, keywordOnly: true);
            batch.ReplaceFile(new FileRecord("a.c", 1, 1, "h2"), [], code, [.. code.Select((_, i) => new float[] { i, 1, 0, 0 })]);
            batch.Commit();
        }

        using var index = ProjectVectors.Build(database, VectorTier.Static, 4, new VectorIndexOptions { ApproximateFrom = 10, MinLists = 2 });

        Assert.Equal(3, index.Count);
        Assert.Equal(FaissIndexKind.Flat, index.Kind);
    }
}

using Ragex.Core.VectorIndex;

namespace Ragex.Core.Tests.VectorIndex;

public sealed class FaissIndexTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("ragex-faiss-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void FlatSearchReturnsTheExactNearestNeighbours()
    {
        const int dimension = 48;
        var vectors = RandomUnitVectors(2000, dimension, seed: 1);
        var ids = Ids(2000);
        using var index = FaissIndex.CreateFlat(dimension);
        index.Add(vectors, ids);

        Assert.Equal(2000, index.Count);
        Assert.Equal(dimension, index.Dimension);
        Assert.Equal(FaissIndexKind.Flat, index.Kind);
        var queries = RandomUnitVectors(20, dimension, seed: 2);
        for (var q = 0; q < 20; q++)
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var expected = BruteForce(vectors, ids, dimension, query, 10);
            var actual = index.Search(query, 10);

            Assert.Equal(expected.Select(m => m.Id), actual.Select(m => m.Id));
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(expected[i].Score, actual[i].Score, tolerance: 1e-4f);
            }
        }
    }

    [Fact]
    public void HnswRecallAtTenIsAtLeastNinetyPercent()
    {
        const int dimension = 64;
        const int count = 5000;
        var vectors = RandomUnitVectors(count, dimension, seed: 3);
        var ids = Ids(count);
        using var index = FaissIndex.CreateHnsw(dimension);
        index.Add(vectors, ids);

        Assert.Equal(FaissIndexKind.Hnsw, index.Kind);
        var queries = RandomUnitVectors(100, dimension, seed: 4);
        var found = 0;
        for (var q = 0; q < 100; q++)
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var expected = BruteForce(vectors, ids, dimension, query, 10).Select(m => m.Id).ToHashSet();
            found += index.Search(query, 10).Count(m => expected.Contains(m.Id));
        }

        var recall = found / 1000.0;
        Assert.True(recall >= 0.9, $"recall@10 was {recall:F3}");
    }

    [Fact]
    public void A_compacted_ivf_index_answers_as_before_and_still_adds_and_removes()
    {
        const int dimension = 16;
        const int count = 3000;
        var vectors = RandomUnitVectors(count, dimension, seed: 31);
        var ids = Ids(count);
        using var index = FaissIndex.CreateIvfSq(dimension, nlist: 8, nprobe: 8);
        index.Train(vectors.AsSpan(0, 1000 * dimension));
        for (var page = 0; page < count - 100; page += 100)
        {
            index.Add(vectors.AsSpan(page * dimension, 100 * dimension), ids.AsSpan(page, 100));
        }

        var queries = RandomUnitVectors(20, dimension, seed: 32);
        var before = Enumerable.Range(0, 20).Select(q => index.Search(queries.AsSpan(q * dimension, dimension), 10)).ToList();

        index.Compact();

        Assert.Equal(count - 100, index.Count);
        for (var q = 0; q < 20; q++)
        {
            Assert.Equal(before[q], index.Search(queries.AsSpan(q * dimension, dimension), 10));
        }

        index.Add(vectors.AsSpan((count - 100) * dimension), ids.AsSpan(count - 100));
        Assert.Equal(ids[^1], index.Search(vectors.AsSpan((count - 1) * dimension, dimension), 1)[0].Id);
        Assert.Equal(1, index.Remove(ids.AsSpan(0, 1)));
        Assert.Equal(count - 1, index.Count);
    }

    [Fact]
    public void IvfSq8RecallAtTenIsAtLeastNinetyFivePercentAndItRemovesById()
    {
        const int dimension = 32;
        const int count = 4000;
        var vectors = RandomUnitVectors(count, dimension, seed: 21);
        var ids = Ids(count);
        // Every list probed: what is measured here is the 8-bit quantization's loss (on uniform random vectors, the worst
        // case for probing fewer lists; bench/results/vectors.md measures that trade-off on clustered ones).
        using var index = FaissIndex.CreateIvfSq(dimension, nlist: 16, nprobe: 16);
        Assert.False(index.IsTrained);
        Assert.Throws<FaissException>(() => index.Add(vectors.AsSpan(0, dimension), ids.AsSpan(0, 1)));
        index.Train(vectors.AsSpan(0, 1000 * dimension));
        index.Add(vectors, ids);

        Assert.Equal(FaissIndexKind.IvfSq, index.Kind);
        Assert.Equal((16, 16, count), (index.NList, index.NProbe, index.Count));
        var queries = RandomUnitVectors(50, dimension, seed: 22);
        var found = 0;
        for (var q = 0; q < 50; q++)
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var expected = BruteForce(vectors, ids, dimension, query, 10).Select(m => m.Id).ToHashSet();
            found += index.Search(query, 10).Count(m => expected.Contains(m.Id));
        }

        Assert.True(found / 500.0 >= 0.95, $"recall@10 was {found / 500.0:F3}");

        // Each vector is its own nearest neighbour until it is removed, and again once added back.
        var removed = ids.Where((_, i) => i % 3 == 0).ToArray();
        Assert.Equal(removed.Length, index.Remove([.. removed, 42]));
        Assert.Equal(count - removed.Length, index.Count);
        Assert.DoesNotContain(index.Search(vectors.AsSpan(0, dimension), 10), m => m.Id == ids[0]);
        Assert.Equal(ids[1], index.Search(vectors.AsSpan(dimension, dimension), 1)[0].Id);
        Assert.Throws<FaissException>(() => index.Add(vectors.AsSpan(0, 2 * dimension), [ids[0], ids[0]]));
        index.Add(vectors.AsSpan(0, dimension), ids.AsSpan(0, 1));
        Assert.Equal(ids[0], index.Search(vectors.AsSpan(0, dimension), 1)[0].Id);
    }

    [Fact]
    public void Four_bit_codes_scanned_with_avx2_find_what_faiss_finds_also_after_a_reload()
    {
        const int dimension = 64;
        const int count = 4000;
        var vectors = RandomUnitVectors(count, dimension, seed: 41);
        var ids = Ids(count);
        // A quarter of the lists probed: each list adds its own centroid's share to the distances.
        using var built = FaissIndex.CreateIvfSq(dimension, nlist: 16, nprobe: 4, bits: 4);
        built.Train(vectors.AsSpan(0, 1000 * dimension));
        built.Add(vectors, ids);
        var path = Path.Combine(directory.FullName, "sq4.faiss");
        built.Save(path);
        using var loaded = FaissIndex.Load(path);
        var queries = RandomUnitVectors(30, dimension, seed: 42);

        foreach (var index in new[] { built, loaded })
        {
            Assert.Equal(System.Runtime.Intrinsics.X86.Avx2.IsSupported, index.SetFastScan(true));
            var fast = Enumerable.Range(0, 30).Select(q => index.Search(queries.AsSpan(q * dimension, dimension), 20)).ToList();
            Assert.False(index.SetFastScan(false));
            for (var q = 0; q < 30; q++)
            {
                var generic = index.Search(queries.AsSpan(q * dimension, dimension), 20);
                Assert.Equal(generic.Select(m => m.Id), fast[q].Select(m => m.Id));
                // The fast scan weighs the nibbles with 16-bit integers (within 1e-4; re-ranking makes the final scores exact).
                Assert.All(generic.Zip(fast[q]), pair => Assert.Equal(pair.First.Score, pair.Second.Score, tolerance: 1e-4f));
            }
        }

        using var notAMultipleOf32 = FaissIndex.CreateIvfSq(48, nlist: 4, nprobe: 4, bits: 4);
        Assert.False(notAMultipleOf32.SetFastScan(true));
    }

    [Fact]
    public void HnswScoresAreInnerProducts()
    {
        var vectors = RandomUnitVectors(50, 8, seed: 5);
        using var index = FaissIndex.CreateHnsw(8);
        index.Add(vectors, Ids(50));

        var best = Assert.Single(index.Search(vectors.AsSpan(0, 8), 1));
        Assert.Equal(Ids(50)[0], best.Id);
        Assert.Equal(1f, best.Score, tolerance: 1e-4f);
    }

    [Fact]
    public void RemovedIdsAreNoLongerFound()
    {
        const int dimension = 16;
        var vectors = RandomUnitVectors(100, dimension, seed: 6);
        var ids = Ids(100);
        using var index = FaissIndex.CreateFlat(dimension);
        index.Add(vectors, ids);
        var target = vectors.AsSpan(10 * dimension, dimension);
        Assert.Equal(ids[10], index.Search(target, 1)[0].Id);

        Assert.Equal(1, index.Remove([ids[10], 999_999]));

        Assert.Equal(99, index.Count);
        Assert.DoesNotContain(index.Search(target, 100), m => m.Id == ids[10]);
        Assert.Equal(ids[11], index.Search(vectors.AsSpan(11 * dimension, dimension), 1)[0].Id);
        Assert.Equal(0, index.Remove([ids[10]]));
    }

    [Fact]
    public void AnIdCanBeAddedAgainAfterItWasRemoved()
    {
        var vectors = RandomUnitVectors(2, 4, seed: 7);
        using var index = FaissIndex.CreateFlat(4);
        index.Add(vectors.AsSpan(0, 4), [42]);
        index.Remove([42]);

        index.Add(vectors.AsSpan(4, 4), [42]);

        var match = Assert.Single(index.Search(vectors.AsSpan(4, 4), 5));
        Assert.Equal(42, match.Id);
        Assert.Equal(1f, match.Score, tolerance: 1e-4f);
    }

    [Fact]
    public void HnswRefusesToRemove()
    {
        using var index = FaissIndex.CreateHnsw(4);
        index.Add(RandomUnitVectors(1, 4, seed: 8), [1]);

        var error = Assert.Throws<FaissException>(() => index.Remove([1]));

        Assert.Contains("HNSW", error.Message);
        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData(FaissIndexKind.Flat)]
    [InlineData(FaissIndexKind.Hnsw)]
    [InlineData(FaissIndexKind.IvfSq)]
    public void SaveThenLoadGivesTheSameResults(FaissIndexKind kind)
    {
        const int dimension = 32;
        var vectors = RandomUnitVectors(500, dimension, seed: 9);
        var path = Path.Combine(directory.FullName, "vectors.faiss");
        var queries = RandomUnitVectors(10, dimension, seed: 10);
        using var original = kind switch
        {
            FaissIndexKind.Flat => FaissIndex.CreateFlat(dimension),
            FaissIndexKind.Hnsw => FaissIndex.CreateHnsw(dimension, efSearch: 77),
            _ => FaissIndex.CreateIvfSq(dimension, nlist: 8, nprobe: 3),
        };
        if (!original.IsTrained)
        {
            original.Train(vectors);
        }

        original.Add(vectors, Ids(500));

        original.Save(path);
        using var loaded = FaissIndex.Load(path);

        Assert.Equal(kind, loaded.Kind);
        Assert.Equal(dimension, loaded.Dimension);
        Assert.Equal(500, loaded.Count);
        if (kind == FaissIndexKind.Hnsw)
        {
            Assert.Equal(77, loaded.EfSearch);
        }

        if (kind == FaissIndexKind.IvfSq)
        {
            // The id map survives the file: removing by id still works after a load.
            Assert.Equal(3, loaded.NProbe);
            Assert.Equal(1, loaded.Remove([Ids(500)[7]]));
            Assert.Equal(499, loaded.Count);
        }

        for (var q = 0; q < 10; q++)
        {
            var query = queries.AsSpan(q * dimension, dimension);
            Assert.Equal(original.Search(query, 10), loaded.Search(query, 10));
        }
    }

    [Fact]
    public void SaveLeavesNoTemporaryFileAndReplacesTheOldOne()
    {
        var path = Path.Combine(directory.FullName, "vectors.faiss");
        using var index = FaissIndex.CreateFlat(4);
        index.Save(path);
        index.Add(RandomUnitVectors(3, 4, seed: 11), [1, 2, 3]);

        index.Save(path);

        Assert.Equal(["vectors.faiss"], directory.GetFiles().Select(f => f.Name));
        using var loaded = FaissIndex.Load(path);
        Assert.Equal(3, loaded.Count);
    }

    [Fact]
    public void SaveIntoAMissingDirectoryThrows()
    {
        using var index = FaissIndex.CreateFlat(4);
        var path = Path.Combine(directory.FullName, "missing", "vectors.faiss");

        Assert.Throws<FaissException>(() => index.Save(path));

        Assert.False(Directory.Exists(Path.Combine(directory.FullName, "missing")));
    }

    [Fact]
    public void AFailedSaveKeepsTheExistingFile()
    {
        var path = Path.Combine(directory.FullName, "vectors.faiss");
        using (var first = FaissIndex.CreateFlat(4))
        {
            first.Add(RandomUnitVectors(2, 4, seed: 12), [1, 2]);
            first.Save(path);
        }

        var before = File.ReadAllBytes(path);
        Directory.CreateDirectory(path + ".tmp"); // the temporary cannot be opened for writing
        using var second = FaissIndex.CreateFlat(4);
        second.Add(RandomUnitVectors(5, 4, seed: 13), [1, 2, 3, 4, 5]);

        Assert.Throws<FaissException>(() => second.Save(path));

        Assert.Equal(before, File.ReadAllBytes(path));
        using var loaded = FaissIndex.Load(path);
        Assert.Equal(2, loaded.Count);
    }

    [Fact]
    public void WrongLengthsThrowArgumentException()
    {
        using var index = FaissIndex.CreateFlat(4);

        Assert.Throws<ArgumentException>(() => index.Add(new float[7], [1, 2]));
        Assert.Throws<ArgumentException>(() => index.Add(new float[8], [1]));
        Assert.Throws<ArgumentException>(() => index.Search(new float[3], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[4], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissIndex.CreateFlat(0));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void DuplicateOrNegativeIdsThrowFaissExceptionAndAddNothing()
    {
        var vectors = RandomUnitVectors(2, 4, seed: 14);
        using var index = FaissIndex.CreateFlat(4);
        index.Add(vectors.AsSpan(0, 4), [7]);

        Assert.Equal(1, Assert.Throws<FaissException>(() => index.Add(vectors, [8, 8])).ErrorCode);
        Assert.Contains("already", Assert.Throws<FaissException>(() => index.Add(vectors, [9, 7])).Message);
        Assert.Throws<FaissException>(() => index.Add(vectors, [-5, 10]));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void LoadingAMissingOrForeignFileThrowsFaissException()
    {
        var garbage = Path.Combine(directory.FullName, "garbage.faiss");
        File.WriteAllText(garbage, "not an index");

        Assert.Throws<FaissException>(() => FaissIndex.Load(Path.Combine(directory.FullName, "absent.faiss")));
        Assert.Throws<FaissException>(() => FaissIndex.Load(garbage));
    }

    [Fact]
    public void EfSearchAppliesOnlyToHnsw()
    {
        using var flat = FaissIndex.CreateFlat(4);
        using var hnsw = FaissIndex.CreateHnsw(4);

        hnsw.EfSearch = 128;

        Assert.Equal(128, hnsw.EfSearch);
        Assert.Throws<FaissException>(() => flat.EfSearch);
    }

    [Theory]
    [InlineData(FaissIndexKind.Flat)]
    [InlineData(FaissIndexKind.Hnsw)]
    public void SearchingAnEmptyOrSmallIndexReturnsWhatThereIs(FaissIndexKind kind)
    {
        var vectors = RandomUnitVectors(3, 4, seed: 15);
        using var index = kind == FaissIndexKind.Flat ? FaissIndex.CreateFlat(4) : FaissIndex.CreateHnsw(4);

        Assert.Empty(index.Search(vectors.AsSpan(0, 4), 10));
        index.Add(vectors, [1, 2, 3]);
        Assert.Equal(3, index.Search(vectors.AsSpan(0, 4), 10).Count);
    }

    [Fact]
    public void ConcurrentSearchesAgreeWithSequentialOnes()
    {
        const int dimension = 32;
        var vectors = RandomUnitVectors(3000, dimension, seed: 16);
        var queries = RandomUnitVectors(64, dimension, seed: 17);
        using var index = FaissIndex.CreateHnsw(dimension);
        index.Add(vectors, Ids(3000));
        var sequential = Enumerable.Range(0, 64).Select(q => index.Search(queries.AsSpan(q * dimension, dimension), 10)).ToArray();

        var parallel = new IReadOnlyList<VectorMatch>[64];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, q =>
            parallel[q] = index.Search(queries.AsSpan(q * dimension, dimension), 10));

        for (var q = 0; q < 64; q++)
        {
            Assert.Equal(sequential[q], parallel[q]);
        }
    }

    [Fact]
    public void ADisposedIndexThrowsObjectDisposedException()
    {
        var index = FaissIndex.CreateFlat(4);
        index.Dispose();
        index.Dispose();

        Assert.Throws<ObjectDisposedException>(() => index.Search(new float[4], 1));
        Assert.Throws<ObjectDisposedException>(() => index.Count);
    }

    /// <summary>Ids that are neither 0-based nor contiguous, so a label/id mix-up shows.</summary>
    private static long[] Ids(int count) => [.. Enumerable.Range(0, count).Select(i => 1_000_000L + (i * 7L))];

    private static float[] RandomUnitVectors(int count, int dimension, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count * dimension];
        for (var i = 0; i < count; i++)
        {
            var row = vectors.AsSpan(i * dimension, dimension);
            var sumOfSquares = 0.0;
            for (var j = 0; j < dimension; j++)
            {
                row[j] = (float)((random.NextDouble() * 2) - 1);
                sumOfSquares += row[j] * row[j];
            }

            var norm = (float)Math.Sqrt(sumOfSquares);
            for (var j = 0; j < dimension; j++)
            {
                row[j] /= norm;
            }
        }

        return vectors;
    }

    private static List<VectorMatch> BruteForce(float[] vectors, long[] ids, int dimension, ReadOnlySpan<float> query, int k)
    {
        var scored = new List<VectorMatch>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            var row = vectors.AsSpan(i * dimension, dimension);
            var dot = 0.0;
            for (var j = 0; j < dimension; j++)
            {
                dot += row[j] * query[j];
            }

            scored.Add(new VectorMatch(ids[i], (float)dot));
        }

        return [.. scored.OrderByDescending(m => m.Score).Take(k)];
    }
}

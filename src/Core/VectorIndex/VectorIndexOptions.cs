namespace Ragex.Core.VectorIndex;

/// <summary>
/// When a tier's FAISS index turns approximate and how it is tuned, and how often it is snapshotted. The defaults come
/// from bench/results/vectors.md (1M clustered vectors of 256 dimensions on 2 cores).
/// </summary>
public sealed record VectorIndexOptions
{
    /// <summary>
    /// Below this many vectors an index is exact (flat); from it on, IVF with <see cref="CodeBits"/>-bit scalar codes,
    /// chosen when the index is (re)built. Its candidates are re-ranked with the stored vectors.
    /// </summary>
    public long ApproximateFrom { get; init; } = 100_000;

    /// <summary>
    /// Vectors per IVF list aimed at (nlist = count / this, a power of two within <see cref="MinLists"/>..<see cref="MaxLists"/>).
    /// On the kernel's 1.6M static vectors, 2,048 lists (1,024 a list) found as much as 4,096 (recall@10 0.990 against
    /// 0.973 on 30 kernel questions, 0.903 against 0.890 on 134 questions of the semble set) as fast (2.7 against 2.8 ms)
    /// and are built in less than half the time (21 against 51 s, half of a first index's completion), k-means and the
    /// assignment of every vector scaling with the lists (bench/results/kernel.md, "Stop 32").
    /// </summary>
    public int VectorsPerList { get; init; } = 1024;

    public int MinLists { get; init; } = 256;

    public int MaxLists { get; init; } = 4096;

    /// <summary>Training sample per list (k-means wants 30-256 per centroid).</summary>
    public int TrainingPerList { get; init; } = 25;

    /// <summary>
    /// Rounds of k-means that place the lists. On the kernel's 1.6M static vectors, 10 rounds trained 4,096 lists in
    /// about 20 s less than FAISS's 25, with the same recall@10 after re-ranking (0.993 at one list in 8 probed).
    /// </summary>
    public int TrainingIterations { get; init; } = 10;

    /// <summary>Below this many sampled vectors per list an index stays exact (the tier holds few vectors).</summary>
    public int MinTrainingPerList { get; init; } = 10;

    /// <summary>
    /// The share of lists a search visits, as one list in this many (at least <see cref="MinProbes"/>). One in 8: on the
    /// kernel's 1.6M static vectors recall@10 is 0.960-0.980 (0.883 with one in 64) at 2.9-3.3 ms with the shim's AVX2
    /// scan of 4-bit codes (bench/results/kernel.md, "Stop 25" and "Stop 27"); a CPU without AVX2 scans about ten times
    /// slower.
    /// </summary>
    public int ListsPerProbe { get; init; } = 8;

    public int MinProbes { get; init; } = 16;

    /// <summary>An IVF index whose vectors outgrow its lists this many times over is rebuilt with more lists at its next snapshot.</summary>
    public int RebuildWhenGrown { get; init; } = 4;

    /// <summary>
    /// Bits per dimension of an IVF index's codes (4 or 8). With re-ranking, 4 bits find the same neighbours as 8 at
    /// half the memory (bench/results/vectors.md): the codes only have to bring the right candidates in.
    /// </summary>
    public int CodeBits { get; init; } = 4;

    /// <summary>
    /// An IVF search asks for this many times the candidates wanted (at least <see cref="MinRerankCandidates"/>, at
    /// most <see cref="MaxRerankCandidates"/>, never fewer than wanted) and re-ranks them by exact inner product with
    /// the stored vectors.
    /// </summary>
    public int RerankFactor { get; init; } = 4;

    public int MinRerankCandidates { get; init; } = 50;

    public int MaxRerankCandidates { get; init; } = 200;

    /// <summary>A snapshot is written when at least this many chunks of the tier changed since the last one.</summary>
    public int SnapshotAfterChanges { get; init; } = 20_000;

    public int ListsFor(long count)
    {
        var wanted = Math.Clamp(count / Math.Max(1, VectorsPerList), MinLists, MaxLists);
        return (int)Math.Min(MaxLists, 1L << (int)Math.Round(Math.Log2(wanted)));
    }

    public int RerankPoolFor(int wanted) =>
        Math.Max(wanted, Math.Clamp(wanted * RerankFactor, MinRerankCandidates, Math.Max(MinRerankCandidates, MaxRerankCandidates)));

    public int ProbesFor(int lists) => Math.Min(lists, Math.Max(MinProbes, lists / Math.Max(1, ListsPerProbe)));
}

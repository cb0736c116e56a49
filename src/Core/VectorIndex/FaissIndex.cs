namespace Ragex.Core.VectorIndex;

/// <summary>
/// A FAISS inner-product vector index keyed by caller-chosen 64-bit ids (an IndexIDMap2 over IndexFlatIP or
/// IndexHNSWFlat, or an IVF index with scalar codes), backed by native/ragexfaiss. For cosine similarity, add and query L2-normalized vectors.
/// </summary>
/// <remarks>
/// Thread-safety: any number of <see cref="Search"/> (and <see cref="Count"/>, <see cref="Save"/>) calls may run
/// concurrently. FAISS itself needs a single writer that excludes readers, so <see cref="Add"/>, <see cref="Remove"/>,
/// setting <see cref="EfSearch"/> and <see cref="Dispose"/> take an exclusive lock and wait for running searches;
/// callers should still funnel writes through one owner (one actor) so that the order of writes is theirs.
/// Ids must be unique and non-negative; adding an id that is already present fails on a flat or HNSW index, and on
/// an IVF index (which keeps no id map, to save 40 bytes a vector) is the caller's to avoid: remove it first, as
/// <see cref="LiveVectorIndex"/> does with every changed id. An IVF remove scans every list.
/// HNSW indexes cannot remove vectors (FAISS 1.7.3 has no IndexHNSW::remove_ids): rebuild them instead.
/// </remarks>
public sealed unsafe class FaissIndex : IDisposable
{
    private const int StackallocLimit = 256;

    private readonly FaissIndexHandle handle;

    // Not disposed on purpose: a search blocked on it while Dispose runs must see ObjectDisposedException from us,
    // not a lock torn down under it. It holds no OS resources unless contended, and those are finalizable.
    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly Lock saveLock = new();
    private bool disposed;

    private FaissIndex(FaissIndexHandle handle)
    {
        this.handle = handle;
        NativeMethods.Check(NativeMethods.Dimension(handle, out var dimension));
        NativeMethods.Check(NativeMethods.Kind(handle, out var kind));
        Dimension = dimension;
        Kind = (FaissIndexKind)kind;
    }

    public int Dimension { get; }

    public FaissIndexKind Kind { get; }

    /// <summary>Number of vectors in the index.</summary>
    public long Count
    {
        get
        {
            using var read = Read();
            NativeMethods.Check(NativeMethods.Count(handle, out var count));
            return count;
        }
    }

    /// <summary>HNSW search beam (higher = better recall, slower); saved with the index. Flat indexes throw.</summary>
    public int EfSearch
    {
        get
        {
            using var read = Read();
            NativeMethods.Check(NativeMethods.GetEfSearch(handle, out var efSearch));
            return efSearch;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            using var write = Write();
            NativeMethods.Check(NativeMethods.SetEfSearch(handle, value));
        }
    }

    /// <summary>Whether vectors can be added: false only for an IVF index before <see cref="Train"/>.</summary>
    public bool IsTrained
    {
        get
        {
            using var read = Read();
            NativeMethods.Check(NativeMethods.IsTrained(handle, out var trained));
            return trained != 0;
        }
    }

    /// <summary>IVF lists a search visits (higher = better recall, slower); saved with the index. Other kinds throw.</summary>
    public int NProbe
    {
        get
        {
            using var read = Read();
            NativeMethods.Check(NativeMethods.GetNProbe(handle, out var nprobe));
            return nprobe;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            using var write = Write();
            NativeMethods.Check(NativeMethods.SetNProbe(handle, value));
        }
    }

    /// <summary>The number of inverted lists of an IVF index. Other kinds throw.</summary>
    public int NList
    {
        get
        {
            using var read = Read();
            NativeMethods.Check(NativeMethods.NList(handle, out var nlist));
            return nlist;
        }
    }

    /// <summary>An exact (brute-force) inner-product index.</summary>
    public static FaissIndex CreateFlat(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return Open((out FaissIndexHandle created) => NativeMethods.CreateFlat(dimension, out created));
    }

    /// <summary>
    /// An approximate HNSW inner-product index with <paramref name="m"/> links per node. <paramref name="efSearch"/>
    /// defaults above FAISS's 16 because recall on 384-dimension embeddings is poor at 16.
    /// </summary>
    public static FaissIndex CreateHnsw(int dimension, int m = 32, int efConstruction = 40, int efSearch = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(efConstruction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(efSearch, 1);
        var index = Open((out FaissIndexHandle created) => NativeMethods.CreateHnsw(dimension, m, efConstruction, out created));
        index.EfSearch = efSearch;
        return index;
    }

    /// <summary>
    /// An approximate IVF inner-product index with <paramref name="nlist"/> lists, visiting <paramref name="nprobe"/>
    /// of them per search, each dimension stored in <paramref name="bits"/> bits (8 or 4). Untrained: call
    /// <see cref="Train"/> before adding.
    /// </summary>
    public static FaissIndex CreateIvfSq(int dimension, int nlist, int nprobe, int bits = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nlist, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nprobe, 1);
        var index = Open((out FaissIndexHandle created) => NativeMethods.CreateIvfSq(dimension, nlist, bits, out created));
        index.NProbe = nprobe;
        return index;
    }

    /// <summary>Reads an index written by <see cref="Save"/>.</summary>
    public static FaissIndex Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        return Open((out FaissIndexHandle loaded) => NativeMethods.ReadIndex(full, out loaded));
    }

    /// <summary>Adds <c>ids.Length</c> vectors, stored row after row in <paramref name="vectors"/>.</summary>
    public void Add(ReadOnlySpan<float> vectors, ReadOnlySpan<long> ids)
    {
        if (vectors.Length != (long)ids.Length * Dimension)
        {
            throw new ArgumentException(
                $"expected {ids.Length} vectors of dimension {Dimension} ({(long)ids.Length * Dimension} floats), got {vectors.Length} floats",
                nameof(vectors));
        }

        if (ids.IsEmpty)
        {
            return;
        }

        using var write = Write();
        fixed (float* x = vectors)
        fixed (long* xids = ids)
        {
            NativeMethods.Check(NativeMethods.AddWithIds(handle, ids.Length, x, xids));
        }
    }

    /// <summary>
    /// Trains an empty IVF index on sample vectors (row after row; at least nlist of them, ideally 30-100x) with
    /// <paramref name="iterations"/> rounds of k-means (0: FAISS's default, 25).
    /// </summary>
    public void Train(ReadOnlySpan<float> vectors, int iterations = 0)
    {
        if (vectors.IsEmpty || vectors.Length % Dimension != 0)
        {
            throw new ArgumentException($"expected whole vectors of dimension {Dimension}, got {vectors.Length} floats", nameof(vectors));
        }

        using var write = Write();
        fixed (float* x = vectors)
        {
            NativeMethods.Check(NativeMethods.Train(handle, vectors.Length / Dimension, x, iterations));
        }
    }

    /// <summary>Removes the vectors with these ids (absent ids are ignored); returns how many were removed.</summary>
    /// <exception cref="FaissException">On an HNSW index, which cannot remove.</exception>
    public long Remove(ReadOnlySpan<long> ids)
    {
        using var write = Write();
        fixed (long* xids = ids)
        {
            NativeMethods.Check(NativeMethods.RemoveIds(handle, ids.Length, xids, out var removed));
            return removed;
        }
    }

    /// <summary>
    /// Gives back the spare room an IVF index's lists gained while it was filled page by page (each list's buffer
    /// doubles when full: about a third of the kernel's 206 MB of codes); other kinds have none.
    /// </summary>
    public void Compact()
    {
        using var write = Write();
        NativeMethods.Check(NativeMethods.Compact(handle));
    }

    /// <summary>
    /// Turns the shim's AVX2 scanner for 4-bit IVF codes on (the default) or off (FAISS's generic scanner, about ten
    /// times slower, same distances); true when it is in use, which also needs such codes and a CPU with AVX2.
    /// </summary>
    public bool SetFastScan(bool enabled)
    {
        using var write = Write();
        NativeMethods.Check(NativeMethods.SetFastScan(handle, enabled ? 1 : 0, out var active));
        return active != 0;
    }

    /// <summary>The (at most) <paramref name="k"/> vectors with the highest inner product with the query, best first.</summary>
    public IReadOnlyList<VectorMatch> Search(ReadOnlySpan<float> query, int k)
    {
        if (query.Length != Dimension)
        {
            throw new ArgumentException($"expected a query of dimension {Dimension}, got {query.Length}", nameof(query));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        using var read = Read();
        NativeMethods.Check(NativeMethods.Count(handle, out var count));
        var wanted = (int)Math.Min(k, count);
        if (wanted == 0)
        {
            return [];
        }

        Span<float> distances = wanted <= StackallocLimit ? stackalloc float[wanted] : new float[wanted];
        Span<long> labels = wanted <= StackallocLimit ? stackalloc long[wanted] : new long[wanted];
        fixed (float* x = query)
        fixed (float* d = distances)
        fixed (long* l = labels)
        {
            NativeMethods.Check(NativeMethods.Search(handle, 1, x, wanted, d, l));
        }

        var matches = new List<VectorMatch>(wanted);
        for (var i = 0; i < wanted; i++)
        {
            if (labels[i] >= 0)
            {
                matches.Add(new VectorMatch(labels[i], distances[i]));
            }
        }

        return matches;
    }

    /// <summary>
    /// Writes the index atomically: to <c>path.tmp</c>, fsync, rename over <paramref name="path"/>, fsync the
    /// directory. On failure the previous file at <paramref name="path"/> is untouched and the temporary is removed.
    /// </summary>
    /// <exception cref="FaissException">Any failure, native or file system (the latter as the inner exception).</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var temporary = full + ".tmp";

        // Saves exclude each other (they share the temporary name) but not searches.
        lock (saveLock)
        {
            using var read = Read();
            try
            {
                NativeMethods.Check(NativeMethods.WriteIndex(handle, temporary));
                using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, full, overwrite: true);
            }
            catch (Exception error)
            {
                FileCleanup.DeleteQuietly(temporary);
                if (error is FaissException)
                {
                    throw;
                }

                throw new FaissException(0, $"saving vector index to {full}: {error.Message}", error);
            }

            // Makes the rename itself durable; best effort (some file systems refuse to fsync a directory).
            var directory = Path.GetDirectoryName(full);
            if (directory is not null && !OperatingSystem.IsWindows())
            {
                _ = NativeMethods.FsyncPath(directory);
            }
        }
    }

    public void Dispose()
    {
        gate.EnterWriteLock();
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            handle.Dispose();
        }
        finally
        {
            gate.ExitWriteLock();
        }
    }

    private static FaissIndex Open(NativeFactory create)
    {
        int status;
        FaissIndexHandle created;
        try
        {
            status = create(out created);
        }
        catch (DllNotFoundException error)
        {
            var library = NativeLibraryResolver.FileName(NativeMethods.Library);
            var failure = NativeLibraryResolver.LoadFailure(NativeMethods.Library);
            var probed = string.Join(", ", NativeLibraryResolver.Candidates(NativeMethods.Library).Take(3));
            throw new FaissException(
                0,
                failure is not null
                    ? $"native library {library} could not be loaded: {failure}"
                    : $"native library {library} not found (run native/ragexfaiss/build.sh or set "
                      + $"{NativeLibraryResolver.EnvironmentVariable}); looked in {probed} and the parents' native/ragexfaiss/build",
                error);
        }

        try
        {
            NativeMethods.Check(status);
            return new FaissIndex(created);
        }
        catch
        {
            created.Dispose();
            throw;
        }
    }

    private ReadScope Read()
    {
        gate.EnterReadLock();
        if (disposed)
        {
            gate.ExitReadLock();
            throw new ObjectDisposedException(nameof(FaissIndex));
        }

        return new ReadScope(gate);
    }

    private WriteScope Write()
    {
        gate.EnterWriteLock();
        if (disposed)
        {
            gate.ExitWriteLock();
            throw new ObjectDisposedException(nameof(FaissIndex));
        }

        return new WriteScope(gate);
    }

    private delegate int NativeFactory(out FaissIndexHandle handle);

    private readonly struct ReadScope(ReaderWriterLockSlim gate) : IDisposable
    {
        public void Dispose() => gate.ExitReadLock();
    }

    private readonly struct WriteScope(ReaderWriterLockSlim gate) : IDisposable
    {
        public void Dispose() => gate.ExitWriteLock();
    }
}

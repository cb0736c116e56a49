using System.Runtime.InteropServices;

namespace Ragex.Core.VectorIndex;

/// <summary>P/Invoke declarations for native/ragexfaiss/ragexfaiss.h. Every function returns 0 or an rfx_status.</summary>
internal static unsafe partial class NativeMethods
{
    public const string Library = "ragexfaiss";

    public const int KindFlat = 1;
    public const int KindHnsw = 2;
    public const int KindIvfSq = 3;

    // A static constructor (not a field initializer) so the resolver is installed before the first P/Invoke binds.
    static NativeMethods() => NativeLibraryResolver.EnsureRegistered();

    /// <summary>Throws <see cref="FaissException"/> with the native message unless <paramref name="status"/> is 0.</summary>
    public static void Check(int status)
    {
        if (status != 0)
        {
            throw new FaissException(status, Marshal.PtrToStringUTF8(LastError()) ?? "unknown error");
        }
    }

    [LibraryImport(Library, EntryPoint = "rfx_last_error")]
    public static partial IntPtr LastError();

    [LibraryImport(Library, EntryPoint = "rfx_create_flat")]
    public static partial int CreateFlat(int dimension, out FaissIndexHandle index);

    [LibraryImport(Library, EntryPoint = "rfx_create_hnsw")]
    public static partial int CreateHnsw(int dimension, int m, int efConstruction, out FaissIndexHandle index);

    [LibraryImport(Library, EntryPoint = "rfx_create_ivf_sq")]
    public static partial int CreateIvfSq(int dimension, int nlist, int bits, out FaissIndexHandle index);

    [LibraryImport(Library, EntryPoint = "rfx_train")]
    public static partial int Train(FaissIndexHandle index, long n, float* vectors, int iterations);

    [LibraryImport(Library, EntryPoint = "rfx_is_trained")]
    public static partial int IsTrained(FaissIndexHandle index, out int trained);

    [LibraryImport(Library, EntryPoint = "rfx_set_nprobe")]
    public static partial int SetNProbe(FaissIndexHandle index, int nprobe);

    [LibraryImport(Library, EntryPoint = "rfx_get_nprobe")]
    public static partial int GetNProbe(FaissIndexHandle index, out int nprobe);

    [LibraryImport(Library, EntryPoint = "rfx_nlist")]
    public static partial int NList(FaissIndexHandle index, out int nlist);

    [LibraryImport(Library, EntryPoint = "rfx_set_ef_search")]
    public static partial int SetEfSearch(FaissIndexHandle index, int efSearch);

    [LibraryImport(Library, EntryPoint = "rfx_get_ef_search")]
    public static partial int GetEfSearch(FaissIndexHandle index, out int efSearch);

    [LibraryImport(Library, EntryPoint = "rfx_add_with_ids")]
    public static partial int AddWithIds(FaissIndexHandle index, long n, float* vectors, long* ids);

    [LibraryImport(Library, EntryPoint = "rfx_remove_ids")]
    public static partial int RemoveIds(FaissIndexHandle index, long n, long* ids, out long removed);

    [LibraryImport(Library, EntryPoint = "rfx_search")]
    public static partial int Search(FaissIndexHandle index, long n, float* queries, long k, float* distances, long* labels);

    [LibraryImport(Library, EntryPoint = "rfx_compact")]
    public static partial int Compact(FaissIndexHandle index);

    [LibraryImport(Library, EntryPoint = "rfx_set_fast_scan")]
    public static partial int SetFastScan(FaissIndexHandle index, int enabled, out int active);

    [LibraryImport(Library, EntryPoint = "rfx_ntotal")]
    public static partial int Count(FaissIndexHandle index, out long count);

    [LibraryImport(Library, EntryPoint = "rfx_dimension")]
    public static partial int Dimension(FaissIndexHandle index, out int dimension);

    [LibraryImport(Library, EntryPoint = "rfx_kind")]
    public static partial int Kind(FaissIndexHandle index, out int kind);

    [LibraryImport(Library, EntryPoint = "rfx_write_index", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WriteIndex(FaissIndexHandle index, string path);

    [LibraryImport(Library, EntryPoint = "rfx_read_index", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ReadIndex(string path, out FaissIndexHandle index);

    [LibraryImport(Library, EntryPoint = "rfx_fsync_path", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int FsyncPath(string path);

    [LibraryImport(Library, EntryPoint = "rfx_free")]
    public static partial int Free(IntPtr index);
}

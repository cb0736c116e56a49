using System.Runtime.InteropServices;

namespace Ragex.Core;

/// <summary>
/// The C heap that SQLite, FAISS and ONNX Runtime allocate from. glibc keeps what they free in its per-thread arenas
/// (64 MiB each) rather than giving it back to the system; an idle daemon asks it to return those pages.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Returns the C heap's free pages to the system (glibc's malloc_trim); false where there is no glibc.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // musl and other C libraries without malloc_trim.
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}

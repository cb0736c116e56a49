using System.Runtime.InteropServices;

namespace Ragex.Host;

/// <summary>
/// glibc gives each thread that finds the allocator busy an arena of its own, up to eight per core, and keeps in it
/// what the thread frees. ONNX Runtime's, FAISS's and SQLite's threads left 40-60 MiB of an idle daemon in arenas that
/// nothing used any more: with the stdlib alone, 225 and 275 MiB idle in two runs, 205 with two arenas. Two serve a
/// daemon on any machine; a MALLOC_ARENA_MAX in the environment is left to decide.
/// </summary>
internal static partial class NativeHeap
{
    /// <summary>glibc's <c>M_ARENA_MAX</c>.</summary>
    private const int ArenaMax = -8;

    public static void LimitArenas(int arenas)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return;
        }

        try
        {
            mallopt(ArenaMax, arenas);
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without mallopt (musl) has no per-thread arenas to limit.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int parameter, int value);
}

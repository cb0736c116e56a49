using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// The one DllImport resolver of Ragex.Core (the runtime allows one per assembly). It finds the native libraries we
/// build ourselves, keyed by the name used in <c>[LibraryImport]</c>, and leaves every other name (libc, ...) to the
/// runtime's default probing. Registered lazily by <see cref="EnsureRegistered"/>, never at assembly load.
/// </summary>
/// <remarks>
/// Search order for a known library: <c>$RAGEX_NATIVE_DIR</c>, <see cref="AppContext.BaseDirectory"/>, then each
/// ancestor of the base directory joined with the library's development build folder (so tests and dev builds find
/// <c>native/ragexfaiss/build/libragexfaiss.so</c> without copying it).
/// </remarks>
internal static class NativeLibraryResolver
{
    public const string EnvironmentVariable = "RAGEX_NATIVE_DIR";

    /// <summary>Library name (as in [LibraryImport]) → development build folder relative to the repository root.</summary>
    private static readonly Dictionary<string, string> DevelopmentDirectories = new(StringComparer.Ordinal)
    {
        [NativeMethods.Library] = "native/ragexfaiss/build",
    };

    private static readonly ConcurrentDictionary<string, IntPtr> Loaded = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Failures = new(StringComparer.Ordinal);
    private static readonly Lock RegistrationLock = new();
    private static volatile bool registered;

    /// <summary>Installs the resolver for Ragex.Core once; cheap and safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        if (registered)
        {
            return;
        }

        lock (RegistrationLock)
        {
            if (!registered)
            {
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
                registered = true;
            }
        }
    }

    /// <summary>The platform file name of a library, e.g. <c>libragexfaiss.so</c>.</summary>
    public static string FileName(string library) =>
        OperatingSystem.IsWindows() ? library + ".dll"
        : OperatingSystem.IsMacOS() ? "lib" + library + ".dylib"
        : "lib" + library + ".so";

    /// <summary>Every path probed for <paramref name="library"/>, in order (also used in "not found" messages).</summary>
    public static IEnumerable<string> Candidates(string library)
    {
        var fileName = FileName(library);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            yield return Path.Combine(fromEnvironment, fileName);
        }

        var baseDirectory = AppContext.BaseDirectory;
        yield return Path.Combine(baseDirectory, fileName);

        if (!DevelopmentDirectories.TryGetValue(library, out var developmentDirectory))
        {
            yield break;
        }

        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            yield return Path.Combine(directory.FullName, developmentDirectory, fileName);
        }
    }

    /// <summary>
    /// Why the last candidate that exists failed to load (typically a missing dependency such as libopenblas.so.0),
    /// or null when no candidate existed.
    /// </summary>
    public static string? LoadFailure(string library) => Failures.TryGetValue(library, out var failure) ? failure : null;

    private static IntPtr Resolve(string library, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!DevelopmentDirectories.ContainsKey(library))
        {
            return IntPtr.Zero;
        }

        if (Loaded.TryGetValue(library, out var cached))
        {
            return cached;
        }

        OpenMpWaitPolicy.PreferPassive();
        foreach (var candidate in Candidates(library))
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            try
            {
                return Loaded.GetOrAdd(library, NativeLibrary.Load(candidate));
            }
            catch (Exception error) when (error is DllNotFoundException or BadImageFormatException)
            {
                Failures[library] = error.Message;
            }
        }

        // Fall back to the default probing (LD_LIBRARY_PATH, ...); if that fails too the caller sees DllNotFoundException.
        return IntPtr.Zero;
    }
}

using System.Runtime.InteropServices;

namespace Ragex.Core.Projects;

/// <summary>Canonical absolute paths with every symbolic link resolved (POSIX realpath).</summary>
public static partial class RealPath
{
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return full;
        }

        var resolved = realpath(full, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new DirectoryNotFoundException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void free(IntPtr pointer);
}

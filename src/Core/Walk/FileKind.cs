using System.Runtime.InteropServices;

namespace Ragex.Core.Walk;

/// <summary>
/// Whether a path is a regular file, as stat(2) says: .NET reports FIFOs, sockets and devices as ordinary files, and
/// opening a FIFO blocks until something writes to it. statx is used because its layout is the same on every Linux
/// architecture (stx_mode at byte 28); where it is missing (not Linux), every path counts as regular.
/// </summary>
internal static partial class FileKind
{
    private const int CurrentDirectory = -100;
    private const int NoFollow = 0x100;
    private const uint TypeMask = 0x1;
    private const int ModeOffset = 28;
    private const int FileTypeBits = 0xF000;
    private const int RegularFile = 0x8000;

    public static bool IsRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        Span<byte> buffer = stackalloc byte[256];
        try
        {
            return Statx(CurrentDirectory, path, NoFollow, TypeMask, ref MemoryMarshal.GetReference(buffer)) != 0
                || (BitConverter.ToUInt16(buffer[ModeOffset..]) & FileTypeBits) == RegularFile;
        }
        catch (EntryPointNotFoundException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}

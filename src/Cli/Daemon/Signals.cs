using System.Runtime.InteropServices;

namespace Ragex.Cli.Daemon;

/// <summary>POSIX signals to another process (.NET's Process.Kill only sends SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Asks a process to shut down gracefully; false if it does not exist (or is not ours).</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

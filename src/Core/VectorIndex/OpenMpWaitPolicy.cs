using System.Runtime.InteropServices;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// FAISS's OpenMP threads (libgomp, loaded with the shim) spin on a core after each parallel section before they
/// sleep. A daemon searches one query at a time, seconds apart, so the spinning only takes a core from the rest of
/// the request (kernel, semantic query in the daemon, p50 of 45: 17.6-18.1 ms spinning, 15.0-16.8 ms passive).
/// libgomp reads OMP_WAIT_POLICY once, when it loads, from the C environment, which
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach on Unix: it is set there just
/// before the shim loads, unless the user set it.
/// </summary>
internal static partial class OpenMpWaitPolicy
{
    private const string Variable = "OMP_WAIT_POLICY";

    public static void PreferPassive()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = SetEnvironment(Variable, "passive", overwrite: 0);
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}

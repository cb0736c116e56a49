using System.Diagnostics;
using Ragex.Protocol.Daemon;

namespace Ragex.Remoting;

/// <summary>Whether the process a <c>daemon.json</c> names still runs (a file whose process is gone is stale).</summary>
public static class DaemonLiveness
{
    public static bool IsAlive(this DaemonEndpoint endpoint)
    {
        try
        {
            using var process = Process.GetProcessById(endpoint.ProcessId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

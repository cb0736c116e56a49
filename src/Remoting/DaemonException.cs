namespace Ragex.Remoting;

/// <summary>The daemon refused a request, did not answer it, or cannot be reached; the message is the one line shown.</summary>
public sealed class DaemonException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Set when a search named a path no indexed project contains: indexing it would help.</summary>
    public string? NotIndexedPath { get; init; }
}

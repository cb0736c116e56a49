namespace Ragex.Core;

/// <summary>An error caused by input or environment that the user can fix; its message is the one line shown.</summary>
public sealed class RagexException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Set when a search named a path (or ran in a directory) no indexed project contains: indexing it would help.</summary>
    public string? NotIndexedPath { get; init; }
}

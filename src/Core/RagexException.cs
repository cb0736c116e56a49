namespace Ragex.Core;

/// <summary>An error caused by input or environment that the user can fix; its message is the one line shown.</summary>
public sealed class RagexException(string message, Exception? inner = null) : Exception(message, inner);

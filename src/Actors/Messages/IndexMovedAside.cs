namespace Ragex.Actors.Messages;

/// <summary>The project's index.db was unreadable: the writer moved it to <paramref name="Path"/> and started a new one.</summary>
public sealed record IndexMovedAside(string Path);

namespace Ragex.Actors.Messages;

/// <summary>A page of chunks to embed (empty: none left), and how many are pending in all.</summary>
public sealed record PendingChunksLoaded(int Run, IReadOnlyList<(long Id, string Text)> Chunks, long PendingTotal);

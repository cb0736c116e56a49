namespace Ragex.Actors.Messages;

/// <summary>
/// To the index writer: the next page of chunks without a vector, after <paramref name="AfterId"/>. The first request
/// of a run (AfterId -1) also switches the index to <paramref name="ModelId"/>. Answered by <see cref="PendingChunksLoaded"/>.
/// </summary>
public sealed record LoadPendingChunks(int Run, string ModelId, long AfterId, int Limit);

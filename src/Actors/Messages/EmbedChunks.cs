namespace Ragex.Actors.Messages;

/// <summary>
/// To the embedder pool: embed these chunk texts as documents. <paramref name="Run"/> is the requester's tag, echoed in
/// the answer: <see cref="ChunksEmbedded"/>, <see cref="EmbeddingFailed"/>, or <see cref="EmbedderBusy"/> when the
/// pool's queue is full (the requester retries later: back-pressure instead of a growing mailbox).
/// </summary>
public sealed record EmbedChunks(int Run, IReadOnlyList<long> ChunkIds, IReadOnlyList<string> Texts);

namespace Ragex.Actors.Messages;

/// <summary>A project actor's timer: send a request the busy pool handed back once more.</summary>
public sealed record RetryEmbedding(EmbedChunks Request);

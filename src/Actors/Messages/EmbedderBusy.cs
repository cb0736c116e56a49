namespace Ragex.Actors.Messages;

/// <summary>The pool's queue is full; the request is handed back to be sent again later.</summary>
public sealed record EmbedderBusy(EmbedChunks Request);

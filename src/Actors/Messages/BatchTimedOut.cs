namespace Ragex.Actors.Messages;

/// <summary>The cluster embedder router's timer: attempt <paramref name="Attempt"/> of a batch got no answer in time.</summary>
public sealed record BatchTimedOut(long BatchId, int Attempt);

namespace Ragex.Actors.Messages;

/// <summary>The cluster embedder router's timer: try again to send queued batches (after a node refused one).</summary>
public sealed record DispatchBatches
{
    public static readonly DispatchBatches Instance = new();
}

namespace Ragex.Actors.Messages;

/// <summary>
/// The index writer's note to itself after a bulk load: one more bounded step of merging the keyword index (queued
/// behind whatever else it was asked, so saves keep being stored in between).
/// </summary>
public sealed record MergeKeywordIndex
{
    public static MergeKeywordIndex Instance { get; } = new();
}

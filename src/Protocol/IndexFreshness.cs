using System.Globalization;

namespace Ragex.Protocol;

/// <summary>
/// The state of one project's index when a search was answered: <see cref="ChangedFiles"/> is how many changed files
/// were queued or being indexed (0 when a rescan is pending whose changes are not known yet); <see cref="Detail"/> says
/// why a project is polling and what to do about it, or why it is behind when that is news (an index rebuilt).
/// </summary>
public sealed record IndexFreshness(string Root, IndexState State, int ChangedFiles)
{
    public string? Detail { get; init; }

    /// <summary>What a person should be told, or null when the index is fresh.</summary>
    public string? Note() => State switch
    {
        IndexState.Behind when Detail is not null => $"{Root}: {Detail}",
        IndexState.Behind when ChangedFiles > 0 => string.Create(
            CultureInfo.InvariantCulture, $"{Root}: index behind by {ChangedFiles} changed file(s), being indexed now"),
        IndexState.Behind => $"{Root}: index behind: a rescan is under way",
        IndexState.Polling => $"{Root}: {Detail ?? "the file watcher is not running"}",
        _ => null,
    };
}

using System.Collections.Concurrent;
using Ragex.Core.Projects;
using Ragex.Protocol;

namespace Ragex.Actors.Projects;

/// <summary>
/// Each watched project's <see cref="IndexFreshness"/>, written by its <see cref="ProjectActor"/> whenever it changes
/// and read by every search (a lookup, not a message), so that a reply says how current its index was.
/// </summary>
public sealed class IndexFreshnessBoard
{
    private readonly ConcurrentDictionary<string, IndexFreshness> states = new(StringComparer.Ordinal);

    public void Set(string projectId, IndexFreshness freshness) => states[projectId] = freshness;

    public void Remove(string projectId) => states.TryRemove(projectId, out _);

    /// <summary>Null for a project no actor watches (yet).</summary>
    public IndexFreshness? Of(Project project) => states.GetValueOrDefault(project.Id);
}

namespace Ragex.Actors.Messages;

/// <summary>
/// The watcher saw a change it will report after its debounce: until then the project's index is behind the disk,
/// and searches must not call it fresh.
/// </summary>
public sealed record ChangesPending(string ProjectId);

namespace Ragex.Actors.Messages;

/// <summary>
/// The project's file watcher cannot run (<paramref name="Reason"/> says why and what to do); until a
/// <see cref="WatchingStarted"/>, changes arrive only by the rescan the watcher requests every retry delay.
/// </summary>
public sealed record WatcherPolling(string ProjectId, string Reason);

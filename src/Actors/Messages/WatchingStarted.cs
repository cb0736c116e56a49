namespace Ragex.Actors.Messages;

/// <summary>
/// The project's file watcher is armed: every change from now on is reported. Until then the project does not
/// reconcile, or a file written between its walk and the watcher's start would be missed.
/// </summary>
public sealed record WatchingStarted(string ProjectId);

namespace Ragex.Actors.Messages;

/// <summary>A stage of run <paramref name="Run"/> that runs as a task (the walk) failed.</summary>
public sealed record IndexRunAborted(int Run, string Reason);

namespace Ragex.Actors.Messages;

/// <summary>The index writer could not commit a step of run <paramref name="Run"/>; it restarts, the run fails.</summary>
public sealed record IndexWriteFailed(int Run, string Reason);

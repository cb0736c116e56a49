namespace Ragex.Actors.Messages;

/// <summary>An indexing run of a project failed; the project keeps serving what it committed.</summary>
public sealed record IndexRunFailed(string Reason);

namespace Ragex.Actors.Messages;

/// <summary>The project's index writer could not open the index and stops; <paramref name="Reason"/> is for the user.</summary>
public sealed record IndexWriterStopped(string Reason);

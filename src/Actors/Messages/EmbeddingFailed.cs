namespace Ragex.Actors.Messages;

/// <summary>The model could not embed a request (not installed, failed to load, or crashed on it).</summary>
public sealed record EmbeddingFailed(int Run, string Reason);

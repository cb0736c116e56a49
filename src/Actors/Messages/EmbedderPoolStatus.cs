namespace Ragex.Actors.Messages;

/// <summary>Workers (model sessions), how many are busy, and requests waiting in the queue.</summary>
public sealed record EmbedderPoolStatus(int Workers, int Busy, int Queued);

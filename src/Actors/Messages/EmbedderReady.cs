namespace Ragex.Actors.Messages;

/// <summary>
/// From an embedder worker to its pool: idle, send work. <paramref name="Started"/> is true when the worker has just
/// (re)started, so work the pool still counts as given to it was lost and must be answered as failed.
/// </summary>
public sealed record EmbedderReady(bool Started);

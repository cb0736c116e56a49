namespace Ragex.Actors.Embedding;

/// <summary>Settings of the daemon's shared embedder pool (<c>ragex.embedding</c> in ragex.hocon).</summary>
public sealed record EmbedderPoolOptions
{
    /// <summary>Model sessions run side by side; each holds its own weights and activation memory.</summary>
    public int Sessions { get; init; } = 1;

    /// <summary>Requests waiting for a session; beyond it the pool answers "busy" and the project retries later.</summary>
    public int QueueCapacity { get; init; } = 16;

    /// <summary>Requests one project keeps in the pool at once.</summary>
    public int InFlightPerProject { get; init; } = 2;

    /// <summary>Texts per model call when small requests of several projects are merged.</summary>
    public int MaxTextsPerCall { get; init; } = 64;

    /// <summary>How long a project waits before sending a request the busy pool handed back.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}

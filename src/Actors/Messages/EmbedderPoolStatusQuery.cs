namespace Ragex.Actors.Messages;

/// <summary>Asks the embedder pool for an <see cref="EmbedderPoolStatus"/>.</summary>
public sealed record EmbedderPoolStatusQuery
{
    public static EmbedderPoolStatusQuery Instance { get; } = new();
}

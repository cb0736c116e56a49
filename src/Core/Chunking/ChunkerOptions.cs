namespace Ragex.Core.Chunking;

public sealed record ChunkerOptions
{
    /// <summary>Module-level code between definitions is cut into windows of at most this many lines.</summary>
    public int MaxWindowLines { get; init; } = 40;

    /// <summary>Stored text is cut at this many characters; the embedder truncates further at its token limit.</summary>
    public int MaxChunkCharacters { get; init; } = 6000;
}

namespace Ragex.Core.Chunking;

public sealed record ChunkerOptions
{
    /// <summary>Module-level code between definitions is cut into windows of at most this many lines.</summary>
    public int MaxWindowLines { get; init; } = 40;

    /// <summary>Stored text is cut at this many characters; the embedder truncates further at its token limit.</summary>
    public int MaxChunkCharacters { get; init; } = 6000;

    /// <summary>A definition or window of at most this many lines is small: runs of small neighbours are merged (one: short functions keep chunks of their own).</summary>
    public int SmallPieceLines { get; init; } = 1;

    /// <summary>Merged runs of small pieces hold at most this many characters of code (semble merges siblings up to 1,500).</summary>
    public int MergeCharacters { get; init; } = 1500;
}

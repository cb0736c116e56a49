namespace Ragex.Core.Chunking;

/// <summary>
/// A piece of a file that is embedded and searched as one unit. <see cref="Text"/> is what the model sees: a context
/// line (path and qualified symbol) followed by the code. Lines are 1-based and inclusive. The index writer gives it
/// its id when it stores it.
/// </summary>
public sealed record Chunk(int StartLine, int EndLine, string? Symbol, string Kind, string Text, string TextHash)
{
    /// <summary>The words of the compound identifiers in the text (BM25's extra column), made where the chunk is made: by the parsers, in parallel.</summary>
    public string Words { get; } = IdentifierWords.Compounds(Text);

    /// <summary>
    /// The words of its file's path (<see cref="IdentifierWords.OfPath"/>, BM25's path column), given by the
    /// <see cref="Chunker"/>, which knows the path; empty for a chunk made without one.
    /// </summary>
    public string PathWords { get; init; } = "";

    /// <summary>Its code was longer than <see cref="ChunkerOptions.MaxChunkCharacters"/>: <see cref="Text"/> holds only the start.</summary>
    public bool Clipped { get; init; }

    public const string WindowKind = "window";
}

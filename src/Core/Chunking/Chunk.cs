namespace Ragex.Core.Chunking;

/// <summary>
/// A piece of a file that is embedded and searched as one unit. <see cref="Text"/> is what the model sees: a context
/// line (path and qualified symbol) followed by the code. Lines are 1-based and inclusive.
/// </summary>
public sealed record Chunk(long Id, int StartLine, int EndLine, string? Symbol, string Kind, string Text, string TextHash)
{
    public const string WindowKind = "window";
}

namespace Ragex.Core.Storage;

/// <summary>A chunk read back from the index with the path of its file.</summary>
public sealed record StoredChunk(long Id, string Path, int StartLine, int EndLine, string? Symbol, string Kind, string Text);

namespace Ragex.Protocol.Daemon;

/// <summary>
/// A definition's lines as the file holds them now: <see cref="Lines"/>[0] is line <see cref="StartLine"/>.
/// <see cref="Path"/> is relative to <see cref="Root"/> with '/' separators.
/// </summary>
public sealed record CodeSpan(string Root, string Path, int StartLine, int EndLine, string Kind, string? Symbol, IReadOnlyList<string> Lines) : IProtocolMessage
{
    /// <summary>What else the reader should know, e.g. other definitions of the same name.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

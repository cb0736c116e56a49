namespace Ragex.Protocol;

/// <summary>A line printed around a hit (grep's -C), not itself a match.</summary>
public sealed record ContextLine(int Line, string Text);

namespace Ragex.Protocol;

/// <summary>A highlighted range inside a hit's preview, in UTF-16 characters.</summary>
public sealed record MatchSpan(int Start, int Length);

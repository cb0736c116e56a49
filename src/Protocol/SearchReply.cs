namespace Ragex.Protocol;

/// <summary>The answer to a <see cref="SearchRequest"/>: the mode actually used and why, and the hits in rank order.</summary>
public sealed record SearchReply(
    string Query,
    SearchMode RequestedMode,
    SearchMode Mode,
    string ModeReason,
    IReadOnlyList<SearchHit> Hits,
    double ElapsedMilliseconds) : IProtocolMessage
{
    public bool Truncated { get; init; }
}

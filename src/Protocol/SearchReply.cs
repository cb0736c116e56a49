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

    /// <summary>Things the user should know about these results, e.g. "index building: 45% of /src embedded".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>How far each embedding tier was in the projects searched (semantic, hybrid and identifier searches).</summary>
    public IReadOnlyList<TierProgress> Coverage { get; init; } = [];

    /// <summary>How current each searched project's index was (from the daemon, which watches them; empty in process).</summary>
    public IReadOnlyList<IndexFreshness> Freshness { get; init; } = [];
}

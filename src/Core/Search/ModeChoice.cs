using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>The mode a search runs in, why, and whether the query is taken as literal text.</summary>
public sealed record ModeChoice(SearchMode Mode, string Reason, bool Literal = false);

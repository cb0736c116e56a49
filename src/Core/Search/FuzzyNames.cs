namespace Ragex.Core.Search;

/// <summary>
/// The best fuzzy matches of a query among the distinct symbol names, and how many names the lookup verified with the
/// scorer (the rest the character-set and length filters ruled out without reading them).
/// </summary>
public sealed record FuzzyNames(IReadOnlyList<ScoredName> Names, int Verified);

namespace Ragex.Core.VectorIndex;

/// <summary>One search result: the caller's id and its inner product with the query (higher is closer).</summary>
public readonly record struct VectorMatch(long Id, float Score);

namespace Ragex.Core.Indexing;

/// <summary>Progress of one indexing run: <see cref="Done"/> of <see cref="Total"/> changed files parsed so far.</summary>
public sealed record IndexProgress(string Phase, int Done, int Total);

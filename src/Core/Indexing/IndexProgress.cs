using Ragex.Protocol.Daemon;

namespace Ragex.Core.Indexing;

/// <summary>Progress of one indexing run: <see cref="Done"/> of <see cref="Total"/> changed files parsed so far.</summary>
public sealed record IndexProgress(IndexPhase Phase, int Done, int Total);

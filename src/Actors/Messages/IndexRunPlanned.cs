using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>
/// The plan of run <paramref name="Run"/> is made: what changed since the index was last committed; null when a run of
/// changed paths met a directory and must walk the whole tree instead.
/// </summary>
public sealed record IndexRunPlanned(int Run, IndexPlan? Plan);

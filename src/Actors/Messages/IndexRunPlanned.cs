using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>The walk of run <paramref name="Run"/> is done: what changed since the index was last committed.</summary>
public sealed record IndexRunPlanned(int Run, IndexPlan Plan);

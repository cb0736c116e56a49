using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>To the index writer, before the first files of run <paramref name="Run"/>: its plan, so a large run stores in bulk.</summary>
public sealed record PrepareWrites(int Run, IndexPlan Plan);

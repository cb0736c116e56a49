using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>The scan of run <paramref name="Run"/> is committed, in <paramref name="Seconds"/>; symbols and keywords are searchable.</summary>
public sealed record ScanFinished(int Run, IndexCounts Counts, double Seconds);

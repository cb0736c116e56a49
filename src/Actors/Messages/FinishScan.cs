using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>
/// To the index writer, after every parsed batch: record touched files, purge deleted ones, and whether the project
/// embeds. Answered by <see cref="ScanFinished"/>.
/// </summary>
public sealed record FinishScan(int Run, IndexPlan Plan, bool ContentChanged, bool Embeddings);

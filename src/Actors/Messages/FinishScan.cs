using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>
/// To the index writer, after every parsed batch: record touched files, purge deleted ones, whether the project
/// embeds, and (with <see cref="StaticVectors"/>) complete the static tier. Answered by <see cref="ScanFinished"/>.
/// </summary>
public sealed record FinishScan(int Run, IndexPlan Plan, bool Embeddings, bool StaticVectors);

using Ragex.Core.Chunking;
using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

public sealed record IndexerOptions
{
    /// <summary>The value of <see cref="Parallelism"/> that means one per core, as written in ragex.hocon.</summary>
    public const int OnePerCore = 0;

    public WalkOptions Walk { get; init; } = new();

    public ChunkerOptions Chunking { get; init; } = new();

    /// <summary>Files handed to one ctags process.</summary>
    public int CtagsBatchSize { get; init; } = 200;

    /// <summary>Bytes of source handed to one ctags process (a single larger file still goes alone).</summary>
    public long CtagsBatchBytes { get; init; } = 8L << 20;

    /// <summary>ctags processes run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Chunks embedded and committed together.</summary>
    public int EmbeddingBatchSize { get; init; } = 64;
}

using Ragex.Core.Walk;

namespace Ragex.Core.Indexing;

public sealed record IndexerOptions
{
    public WalkOptions Walk { get; init; } = new();

    /// <summary>Files handed to one ctags process.</summary>
    public int CtagsBatchSize { get; init; } = 200;

    /// <summary>ctags processes run at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The value of <see cref="Parallelism"/> that means one per core, as written in ragex.hocon.</summary>
    public const int OnePerCore = 0;
}

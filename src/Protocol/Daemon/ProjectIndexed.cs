namespace Ragex.Protocol.Daemon;

/// <summary>The outcome of one indexing run of a project.</summary>
public sealed record ProjectIndexed(
    string ProjectId,
    string Root,
    int Files,
    int Parsed,
    int Deleted,
    long Symbols,
    long Chunks,
    long EmbeddedChunks,
    int Embedded,
    double Seconds) : IProtocolMessage
{
    /// <summary>Files whose size or mtime changed but not their content.</summary>
    public int Touched { get; init; }

    /// <summary>Paths the walk or ctags skipped, by reason (kebab-case, e.g. "binary", "too-large").</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// The first <see cref="FirstParsedPathsLimit"/> relative paths re-parsed in this run, sorted (<see cref="Parsed"/>
    /// counts them all): enough to see what a small run did, while the reply to indexing a large tree stays small.
    /// </summary>
    public IReadOnlyList<string> FirstParsedPaths { get; init; } = [];

    public const int FirstParsedPathsLimit = 20;

    public double EmbeddingSeconds { get; init; }

    /// <summary>Chunks with a static vector (all of them once the static tier is complete).</summary>
    public long StaticChunks { get; init; }

    /// <summary>Whether the transformer tier goes on in the background after this reply (its progress: ragex status).</summary>
    public bool TransformerContinues { get; init; }

    /// <summary>The model vectors were made with; null when embeddings were not requested.</summary>
    public string? EmbeddingModel { get; init; }

    public IndexStages Stages { get; init; } = IndexStages.None;
}

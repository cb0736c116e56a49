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
    double Seconds) : IProtocolMessage;

namespace Ragex.Protocol;

/// <summary>How far each embedding tier of one project is: chunks in all, with a static vector, with a transformer vector.</summary>
public sealed record TierProgress(string Root, long Chunks, long StaticChunks, long TransformerChunks);

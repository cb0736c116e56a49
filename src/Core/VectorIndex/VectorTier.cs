namespace Ragex.Core.VectorIndex;

/// <summary>
/// One embedding tier of an index: the chunk column holding its vectors, its number in the vector change log
/// (<c>vector_changes.tier</c>) and the FAISS snapshot file derived from them. The static tier covers every chunk from
/// the moment it is stored; the transformer tier fills in behind it.
/// </summary>
public sealed record VectorTier(string Name, string Column, int LogId, string FileName)
{
    public static readonly VectorTier Static = new("static", "static_embedding", 0, "static.faiss");

    public static readonly VectorTier Transformer = new("transformer", "embedding", 1, "vectors.faiss");
}

using Ragex.Core.Storage;

namespace Ragex.Core.VectorIndex;

/// <summary>
/// One embedding tier of an index: the chunk column holding its vectors, the FAISS file derived from them and the meta
/// key that versions that file. The static tier covers every chunk from the moment it is stored; the transformer
/// tier fills in behind it.
/// </summary>
public sealed record VectorTier(string Name, string Column, string FileName, string VersionKey)
{
    public static readonly VectorTier Static = new("static", "static_embedding", "static.faiss", MetaKeys.StaticVectorsVersion);

    public static readonly VectorTier Transformer = new("transformer", "embedding", "vectors.faiss", MetaKeys.VectorsVersion);
}

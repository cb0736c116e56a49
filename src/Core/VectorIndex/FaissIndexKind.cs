namespace Ragex.Core.VectorIndex;

/// <summary>Which FAISS structure sits under the id map.</summary>
public enum FaissIndexKind
{
    /// <summary>Exact inner-product search (IndexFlatIP); supports removal.</summary>
    Flat = 1,

    /// <summary>Approximate inner-product search (IndexHNSWFlat); cannot remove vectors.</summary>
    Hnsw = 2,
}

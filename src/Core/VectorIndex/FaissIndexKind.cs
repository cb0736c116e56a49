namespace Ragex.Core.VectorIndex;

/// <summary>Which FAISS structure sits under the id map.</summary>
public enum FaissIndexKind
{
    /// <summary>Exact inner-product search (IndexFlatIP); supports removal.</summary>
    Flat = 1,

    /// <summary>Approximate inner-product search (IndexHNSWFlat); cannot remove vectors.</summary>
    Hnsw = 2,

    /// <summary>
    /// Approximate inner-product search over inverted lists of 8-bit scalar-quantized vectors (IndexIVFScalarQuantizer):
    /// a quarter of flat's memory, trained before the first add, removes by id in time proportional to the ids removed.
    /// </summary>
    IvfSq8 = 3,
}

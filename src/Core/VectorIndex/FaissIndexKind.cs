namespace Ragex.Core.VectorIndex;

/// <summary>Which FAISS structure sits under the id map.</summary>
public enum FaissIndexKind
{
    /// <summary>Exact inner-product search (IndexFlatIP); supports removal.</summary>
    Flat = 1,

    /// <summary>Approximate inner-product search (IndexHNSWFlat); cannot remove vectors.</summary>
    Hnsw = 2,

    /// <summary>
    /// Approximate inner-product search over inverted lists of scalar-quantized vectors (IndexIVFScalarQuantizer, 8 or
    /// 4 bits a dimension): a quarter or an eighth of flat's memory, trained before the first add, removes by id in
    /// time proportional to the ids removed.
    /// </summary>
    IvfSq = 3,
}

namespace Ragex.Core.Embedding;

/// <summary>Which graph of the transformer runs (<c>ragex.embedding.precision</c>).</summary>
public enum EmbeddingPrecision
{
    /// <summary>The model as published.</summary>
    Float32,

    /// <summary>Its weights quantized to int8 (<see cref="OnnxQuantizer"/>, at setup): about half the CPU per chunk.</summary>
    Int8,
}

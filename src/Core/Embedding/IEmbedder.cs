namespace Ragex.Core.Embedding;

/// <summary>Turns texts into unit-length vectors, so that a dot product is the cosine similarity.</summary>
public interface IEmbedder
{
    /// <summary>Length of every vector returned.</summary>
    int Dimension { get; }

    /// <summary>One vector per text, in input order. Texts longer than the token limit are truncated.</summary>
    float[][] Embed(IReadOnlyList<string> texts, EmbeddingPurpose purpose, CancellationToken cancellationToken = default);
}

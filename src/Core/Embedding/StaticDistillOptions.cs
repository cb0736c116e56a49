namespace Ragex.Core.Embedding;

/// <summary>How a static table is distilled from a transformer (model2vec's recipe).</summary>
public sealed record StaticDistillOptions
{
    /// <summary>Width of the table after PCA.</summary>
    public int Dimension { get; init; } = 256;

    /// <summary>How each token's <c>[CLS] token [SEP]</c> states become its row: mean over all positions measured best.</summary>
    public EmbeddingPooling Pooling { get; init; } = EmbeddingPooling.Mean;

    /// <summary>SIF coefficient <c>a</c> of the weights <c>a / (a + p)</c>, p the token's Zipf probability by vocabulary rank.</summary>
    public double SifCoefficient { get; init; } = 1e-4;

    /// <summary>Tokens run through the model at once.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Distil only the first this many tokens (tests); null for the whole vocabulary.</summary>
    public int? TokenLimit { get; init; }

    /// <summary>Names the recipe in static.json, so a table made another way is made again.</summary>
    public string Recipe => FormattableString.Invariant($"model2vec-{Pooling.ToString().ToLowerInvariant()}-pca{Dimension}-sif{SifCoefficient:R}-v1");
}

namespace Ragex.Core.Embedding;

/// <summary>Reads and writes <see cref="EmbeddingTiers"/> as ragex.hocon spells them: static, static+transformer, transformer.</summary>
public static class EmbeddingTiersSetting
{
    public static EmbeddingTiers Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "static" => EmbeddingTiers.Static,
        "transformer" => EmbeddingTiers.Transformer,
        "static+transformer" or "transformer+static" => EmbeddingTiers.StaticAndTransformer,
        _ => throw new RagexException($"ragex.embedding.tiers = '{value}': expected static, static+transformer or transformer"),
    };

    public static string Format(EmbeddingTiers tiers) => tiers switch
    {
        EmbeddingTiers.Static => "static",
        EmbeddingTiers.Transformer => "transformer",
        _ => "static+transformer",
    };
}

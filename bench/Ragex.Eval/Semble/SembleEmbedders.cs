using Ragex.Core.Configuration;
using Ragex.Core.Embedding;

namespace Ragex.Eval.Semble;

/// <summary>The embedder both semble commands use: --model, --precision int8 and --tiers (default both tiers).</summary>
public static class SembleEmbedders
{
    public static EmbedderProvider From(IReadOnlyDictionary<string, string> options, RagexHome home) => new(
        EmbedderProvider.ModelsDirectoryFor(home), options.GetValueOrDefault("--model") ?? EmbedderProvider.DefaultModelId,
        new EmbedderOptions { Precision = options.GetValueOrDefault("--precision") == "int8" ? EmbeddingPrecision.Int8 : EmbeddingPrecision.Float32 },
        tiers: EmbeddingTiersSetting.Parse(options.GetValueOrDefault("--tiers") ?? "static+transformer"));
}

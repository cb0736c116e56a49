namespace Ragex.Core.Embedding;

/// <summary>Which embedding tiers an index keeps (<c>ragex.embedding.tiers</c>).</summary>
[Flags]
public enum EmbeddingTiers
{
    /// <summary>A table lookup per token at parse time: every chunk is searchable by meaning as soon as it is stored.</summary>
    Static = 1,

    /// <summary>The transformer, filling in behind the static tier in the background.</summary>
    Transformer = 2,

    StaticAndTransformer = Static | Transformer,
}

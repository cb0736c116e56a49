namespace Ragex.Core.Embedding;

/// <summary>How token vectors (<c>last_hidden_state</c>) become one sentence vector; must be what the model was trained with.</summary>
public enum EmbeddingPooling
{
    /// <summary>The vector of the first token, <c>[CLS]</c> (snowflake-arctic-embed).</summary>
    Cls,

    /// <summary>The mean of the token vectors under the attention mask (all-MiniLM-L6-v2).</summary>
    Mean,
}

namespace Ragex.Core.Embedding;

/// <summary>
/// What a text is embedded for. Retrieval models such as arctic-embed are trained asymmetrically: a query gets the
/// model's query prefix, a document (an indexed chunk) gets none.
/// </summary>
public enum EmbeddingPurpose
{
    Document,
    Query,
}

namespace Ragex.Core.Indexing;

/// <summary>How a page of pending chunks is cut into embedding batches.</summary>
public static class EmbeddingSlices
{
    /// <summary>Chunks of pending chunks read from the database at once: memory stays bounded on any tree.</summary>
    public const int PageSize = 1024;

    /// <summary>Similar lengths go together, so each model batch pads little.</summary>
    public static IEnumerable<(long Id, string Text)[]> Of(IEnumerable<(long Id, string Text)> page, int batchSize) =>
        page.OrderBy(c => c.Text.Length).Chunk(batchSize);
}

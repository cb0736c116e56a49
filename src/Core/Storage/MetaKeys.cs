namespace Ragex.Core.Storage;

public static class MetaKeys
{
    public const string SchemaVersion = "schema_version";
    public const string Root = "root";
    public const string LastIndexed = "last_indexed";

    /// <summary>The embedding model the stored vectors come from; a different model invalidates them.</summary>
    public const string EmbeddingModel = "embedding_model";

    /// <summary>Changes whenever chunks or embeddings change; vectors.faiss records the version it was built from.</summary>
    public const string VectorsVersion = "vectors_version";

    /// <summary>The static table the chunks' static vectors come from; a different table re-embeds the static tier.</summary>
    public const string StaticModel = "static_model";

    /// <summary>Changes whenever chunks or static vectors change; static.faiss records the version it was built from.</summary>
    public const string StaticVectorsVersion = "static_vectors_version";

    /// <summary>
    /// "off" when the project was last indexed with --no-embeddings: the daemon's watcher and restart runs then keep
    /// to symbols and text instead of embedding the whole project behind the user's back.
    /// </summary>
    public const string Embeddings = "embeddings";

    /// <summary>
    /// Moves (triggers on <c>files</c>) whenever a file is stored or deleted, so its symbols may have changed: readers
    /// that cache the symbol names compare it.
    /// </summary>
    public const string SymbolsVersion = "symbols_version";
}

namespace Ragex.Core.Storage;

public static class MetaKeys
{
    public const string SchemaVersion = "schema_version";
    public const string Root = "root";
    public const string LastIndexed = "last_indexed";

    /// <summary>
    /// Where an unreadable database was moved when this one replaced it; the index writer reports it once and removes
    /// it (whoever opened the index for writing first may have done the move).
    /// </summary>
    public const string MovedAside = "moved_aside";

    /// <summary>The embedding model the stored vectors come from; a different model invalidates them.</summary>
    public const string EmbeddingModel = "embedding_model";

    /// <summary>
    /// Names this database's vector change log (random, set when the log was created); a FAISS snapshot records it
    /// with the sequence it covers and is replayed only onto the log it came from.
    /// </summary>
    public const string VectorLog = "vector_log";

    /// <summary>Prefix of the highest sequence pruned from a tier's change log (the tier's name follows).</summary>
    public const string VectorLogPrunedPrefix = "vector_log_pruned_";

    /// <summary>The static table the chunks' static vectors come from; a different table re-embeds the static tier.</summary>
    public const string StaticModel = "static_model";

    /// <summary>
    /// "off" when the project was last indexed with --no-embeddings: the daemon's watcher and restart runs then keep
    /// to symbols and text instead of embedding the whole project behind the user's back.
    /// </summary>
    public const string Embeddings = "embeddings";

    /// <summary>
    /// The id the next stored chunk gets. Ids only grow (appends keep SQLite's pages and indexes compact) and are
    /// never reused, so a vector computed for a chunk that was replaced meanwhile cannot land on another chunk.
    /// </summary>
    public const string NextChunkId = "next_chunk_id";

    /// <summary>
    /// Moves (triggers on <c>files</c>) whenever a file is stored or deleted, so its symbols may have changed: readers
    /// that cache the symbol names compare it.
    /// </summary>
    public const string SymbolsVersion = "symbols_version";
}

using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Symbols;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors;

/// <summary>
/// The engine services the actors share, created once per daemon. Nothing here loads anything heavy until first used
/// (the embedder is lazy); <see cref="Search"/> is the function search handlers call, replaceable for fault injection.
/// </summary>
public sealed record RagexServices(
    ProjectRegistry Registry,
    EmbedderProvider Embedders,
    IndexerOptions IndexerOptions,
    Func<SearchQuery, CancellationToken, Task<SearchReply>> Search)
{
    public static RagexServices Create(ProjectRegistry registry, EmbedderProvider embedders, IndexerOptions? indexerOptions = null)
    {
        var engine = SearchEngine.Create(registry, embedders, new VectorIndexCache());
        return new RagexServices(registry, embedders, indexerOptions ?? new IndexerOptions(), (query, token) =>
            engine.SearchAsync(query.Request, query.CurrentDirectory, token));
    }

    public ProjectIndexer CreateIndexer(bool embeddings) =>
        new(Registry, IndexerOptions, new CtagsRunner(), embeddings ? Embedders : null);
}

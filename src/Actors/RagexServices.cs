using Ragex.Actors.Embedding;
using Ragex.Actors.Projects;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Reading;
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
    public static RagexServices Create(
        ProjectRegistry registry, EmbedderProvider embedders, IndexerOptions? indexerOptions = null, RankingOptions? ranking = null)
    {
        var vectors = new VectorIndexCache();
        var freshness = new IndexFreshnessBoard();
        var symbolNames = new SymbolNameCache();
        var engine = SearchEngine.Create(registry, embedders, vectors, ranking, freshness.Of, symbolNames);
        return new RagexServices(registry, embedders, indexerOptions ?? new IndexerOptions(), (query, token) =>
            engine.SearchAsync(query.Request, query.CurrentDirectory, token))
        {
            Vectors = vectors,
            Freshness = freshness,
            SymbolNames = symbolNames,
        };
    }

    /// <summary>How current each watched project's index is; project actors write it, searches read it.</summary>
    public IndexFreshnessBoard Freshness { get; init; } = new();

    /// <summary>Reads a definition's code; SQLite and file reads, so off the caller's thread.</summary>
    private static Func<ReadCode, CancellationToken, Task<CodeSpan>> ReadCodeFrom(ProjectRegistry registry)
    {
        var reader = new DefinitionReader(registry);
        return (request, token) => Task.Run(() => reader.Read(request), token);
    }

    /// <summary>The function read-code handlers call.</summary>
    public Func<ReadCode, CancellationToken, Task<CodeSpan>> ReadCode { get; init; } = ReadCodeFrom(Registry);

    /// <summary>The live FAISS indexes searches read; each project's writer updates and snapshots them in place.</summary>
    public VectorIndexCache Vectors { get; init; } = new();

    /// <summary>The fuzzy name indexes symbol search keeps; the memory actor lets go of those unused for a while.</summary>
    public SymbolNameCache SymbolNames { get; init; } = new();

    /// <summary>Sessions and queue bounds of the shared embedder pool.</summary>
    public EmbedderPoolOptions EmbedderPool { get; init; } = new();

    /// <summary>The largest reply a client can receive (one remoting frame); larger search replies are cut to fit (<see cref="ReplyFrame"/>).</summary>
    public int MaximumReplyBytes { get; init; } = DaemonEndpoint.MaximumFrameBytes;

    /// <summary>The ctags runner for a project; replaced only to inject faults in tests.</summary>
    public Func<Project, CtagsRunner> CtagsFor { get; init; } = _ => new CtagsRunner();

    /// <summary>Opens a project's index for its writer (with the live vector indexes); replaced only to inject faults in tests.</summary>
    public Func<Project, VectorIndexCache, IndexWriter> OpenIndexWriter { get; init; } = IndexWriter.Open;
}

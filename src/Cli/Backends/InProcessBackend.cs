using Ragex.Core;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Reading;
using Ragex.Core.Search;
using Ragex.Core.Symbols;
using Ragex.Core.VectorIndex;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Ragex.Settings;

namespace Ragex.Cli.Backends;

/// <summary>
/// `--no-daemon`: the same operations through src/Core in this process, with the settings the daemon would load; the
/// settings, the model and indexes load only if used.
/// </summary>
public sealed class InProcessBackend : IRagexBackend
{
    private readonly CliContext context;
    private readonly Lazy<RagexSettings> settings;
    private readonly Lazy<EmbedderProvider> embedders;
    private readonly Lazy<VectorIndexCache> vectors = new(() => new VectorIndexCache());
    private readonly Lazy<SearchEngine> engine;

    /// <summary>
    /// Regex mode, which every `ragex search --mode regex` runs here: ripgrep and the registry only, so no setting is
    /// parsed for it (no setting changes what ripgrep answers).
    /// </summary>
    private readonly Lazy<SearchEngine> regexEngine;

    public InProcessBackend(CliContext context)
    {
        this.context = context;
        settings = new(context.LoadSettings);
        embedders = new(() => settings.Value.CreateEmbedderProvider(context.ModelsDirectory));
        engine = new(() => SearchEngine.Create(context.Registry, embedders.Value, vectors.Value, settings.Value.Ranking));
        regexEngine = new(() => new SearchEngine(
            context.Registry, new Dictionary<SearchMode, ISearcher> { [SearchMode.Regex] = new RegexSearcher() }, new RankingOptions()));
    }

    public Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory, CancellationToken cancellationToken) =>
        (request.Mode == SearchMode.Regex ? regexEngine.Value : engine.Value).SearchAsync(request, currentDirectory, cancellationToken);

    /// <summary>A regex search whose hits go to <paramref name="found"/> as ripgrep finds them (<see cref="SearchEngine.StreamRegexAsync"/>).</summary>
    public Task<SearchReply> StreamRegexAsync(SearchRequest request, string currentDirectory, Action<SearchHit> found, CancellationToken cancellationToken) =>
        regexEngine.Value.StreamRegexAsync(request, currentDirectory, found, cancellationToken);

    public async Task<ProjectIndexed> IndexAsync(
        string root, bool embeddings, IProgress<IndexProgress>? progress, CancellationToken cancellationToken, bool waitForAllTiers = false)
    {
        var indexer = new ProjectIndexer(context.Registry, settings.Value.Indexer, new CtagsRunner(), embeddings ? embedders.Value : null, waitForAllTiers);
        return (await indexer.IndexAsync(root, progress, cancellationToken)).ToReply();
    }

    public Task<CodeSpan> ReadCodeAsync(ReadCode request, CancellationToken cancellationToken) =>
        Task.FromResult(new DefinitionReader(context.Registry).Read(request));

    public Task<ProjectList> ListAsync(CancellationToken cancellationToken) => Task.FromResult(ProjectCatalog.List(context.Registry));

    public Task<ProjectRemoved> RemoveAsync(string idOrPath, CancellationToken cancellationToken)
    {
        var project = context.Registry.Find(idOrPath) ?? throw new RagexException($"{idOrPath}: no such indexed project");
        context.Registry.Remove(project);
        return Task.FromResult(new ProjectRemoved(project.Id, project.Root));
    }

    public ValueTask DisposeAsync()
    {
        if (vectors.IsValueCreated)
        {
            vectors.Value.Dispose();
        }

        if (embedders.IsValueCreated)
        {
            embedders.Value.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}

using Ragex.Cli.Daemon;
using Ragex.Core.Indexing;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Backends;

/// <summary>The resident daemon over Akka.Remote. Indexing reports progress by polling the daemon's status.</summary>
public sealed class DaemonBackend(DaemonConnection connection) : IRagexBackend
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IndexTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory, CancellationToken cancellationToken) =>
        connection.AskAsync<SearchReply>(new SearchQuery(request, currentDirectory), RequestTimeout, cancellationToken);

    public async Task<ProjectIndexed> IndexAsync(
        string root, bool embeddings, IProgress<IndexProgress>? progress, CancellationToken cancellationToken, bool waitForAllTiers = false)
    {
        var indexing = connection.AskAsync<ProjectIndexed>(new IndexProject(root, embeddings, waitForAllTiers), IndexTimeout, cancellationToken);
        while (progress is not null && await Task.WhenAny(indexing, Task.Delay(ProgressInterval, cancellationToken)) != indexing)
        {
            var status = await StatusAsync(cancellationToken);
            if (status.Projects.FirstOrDefault(p => p.Root == root) is { Phase: { } phase } project)
            {
                progress.Report(new IndexProgress(phase, project.PhaseDone, project.PhaseTotal));
            }
        }

        return await indexing;
    }

    public Task<CodeSpan> ReadCodeAsync(ReadCode request, CancellationToken cancellationToken) =>
        connection.AskAsync<CodeSpan>(request, RequestTimeout, cancellationToken);

    public Task<ProjectList> ListAsync(CancellationToken cancellationToken) =>
        connection.AskAsync<ProjectList>(new ListProjects(), RequestTimeout, cancellationToken);

    public Task<ProjectRemoved> RemoveAsync(string idOrPath, CancellationToken cancellationToken) =>
        connection.AskAsync<ProjectRemoved>(new RemoveProject(idOrPath), RequestTimeout, cancellationToken);

    public Task<DaemonStatus> StatusAsync(CancellationToken cancellationToken) =>
        connection.AskAsync<DaemonStatus>(new StatusQuery(), RequestTimeout, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

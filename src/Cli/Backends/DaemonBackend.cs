using Ragex.Core;
using Ragex.Core.Configuration;
using Ragex.Core.Indexing;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Backends;

/// <summary>The resident daemon over Akka.Remote. Indexing reports progress by polling the daemon's status.</summary>
public sealed class DaemonBackend(DaemonConnection connection) : IRagexBackend
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IndexTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public static DaemonBackend Open(DaemonEndpoint endpoint, RagexHome home)
    {
        try
        {
            return new(DaemonConnection.Open(endpoint, home.ConfigPath));
        }
        catch (DaemonException e)
        {
            throw AsRagexException(e);
        }
    }

    public Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory, CancellationToken cancellationToken) =>
        AskAsync<SearchReply>(new SearchQuery(request, currentDirectory), RequestTimeout, cancellationToken);

    public async Task<ProjectIndexed> IndexAsync(
        string root, bool embeddings, IProgress<IndexProgress>? progress, CancellationToken cancellationToken, bool waitForAllTiers = false)
    {
        var indexing = AskAsync<ProjectIndexed>(new IndexProject(root, embeddings, waitForAllTiers), IndexTimeout, cancellationToken);
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
        AskAsync<CodeSpan>(request, RequestTimeout, cancellationToken);

    public Task<ProjectList> ListAsync(CancellationToken cancellationToken) =>
        AskAsync<ProjectList>(new ListProjects(), RequestTimeout, cancellationToken);

    public Task<ProjectRemoved> RemoveAsync(string idOrPath, CancellationToken cancellationToken) =>
        AskAsync<ProjectRemoved>(new RemoveProject(idOrPath), RequestTimeout, cancellationToken);

    public Task<DaemonStatus> StatusAsync(CancellationToken cancellationToken) =>
        AskAsync<DaemonStatus>(new StatusQuery(), RequestTimeout, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    /// <summary>The connection's failures as the in-process backend's, so commands handle both alike.</summary>
    private async Task<T> AskAsync<T>(IDaemonRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.AskAsync<T>(request, timeout, cancellationToken);
        }
        catch (DaemonException e)
        {
            throw AsRagexException(e);
        }
    }

    private static RagexException AsRagexException(DaemonException e) => new(e.Message, e) { NotIndexedPath = e.NotIndexedPath };
}

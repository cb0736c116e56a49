using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Bench;

/// <summary>An in-process Akka.Remote client of the running daemon: asks without paying a CLI process per poll.</summary>
public sealed class DaemonClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly DaemonConnection connection;

    private DaemonClient(DaemonConnection connection) => this.connection = connection;

    public static DaemonClient Connect(string home)
    {
        var endpoint = DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName))
            ?? throw new InvalidOperationException($"no daemon.json in {home}");
        return new DaemonClient(DaemonConnection.Open(endpoint, new Ragex.Core.Configuration.RagexHome(home).ConfigPath));
    }

    public Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory) =>
        connection.AskAsync<SearchReply>(new SearchQuery(request, currentDirectory), Timeout);

    public Task<DaemonStatus> StatusAsync() => connection.AskAsync<DaemonStatus>(new StatusQuery(), Timeout);

    public async ValueTask DisposeAsync() => await connection.ClientSystem.Terminate();
}

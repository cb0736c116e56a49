using Akka.Actor;
using Akka.Configuration;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Bench;

/// <summary>An in-process Akka.Remote client of the running daemon: asks without paying a CLI process per poll.</summary>
public sealed class DaemonClient : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly ActorSelection daemon;

    private DaemonClient(ActorSystem system, ActorSelection daemon)
    {
        this.system = system;
        this.daemon = daemon;
    }

    public static DaemonClient Connect(string home)
    {
        var endpoint = DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName))
            ?? throw new InvalidOperationException($"no daemon.json in {home}");
        var system = ActorSystem.Create("ragex-bench", ConfigurationFactory.ParseString(DaemonEndpoint.ClientHocon));
        return new DaemonClient(system, system.ActorSelection(endpoint.RequestsPath));
    }

    public Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory) =>
        daemon.Ask<SearchReply>(new SearchQuery(request, currentDirectory), TimeSpan.FromSeconds(30));

    public Task<DaemonStatus> StatusAsync() => daemon.Ask<DaemonStatus>(new StatusQuery(), TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync() => await system.Terminate();
}

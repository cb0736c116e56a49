using Akka.Actor;
using Akka.Configuration;
using Ragex.Core;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Daemon;

/// <summary>A client ActorSystem (remoting on loopback, any port) talking to the daemon's request router.</summary>
public sealed class DaemonConnection : IAsyncDisposable
{
    private readonly ActorSystem system;
    private readonly ActorSelection requests;

    private DaemonConnection(ActorSystem system, DaemonEndpoint endpoint)
    {
        this.system = system;
        requests = system.ActorSelection(endpoint.RequestsPath);
        Endpoint = endpoint;
    }

    public DaemonEndpoint Endpoint { get; }

    public static DaemonConnection Open(DaemonEndpoint endpoint) =>
        new(ActorSystem.Create("ragex-client", ConfigurationFactory.ParseString(DaemonEndpoint.ClientHocon)), endpoint);

    /// <summary>One request, one reply; a <see cref="RequestFailed"/> becomes a <see cref="RagexException"/>.</summary>
    public async Task<T> AskAsync<T>(IDaemonRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        object reply;
        try
        {
            reply = await requests.Ask<object>(request, timeout, cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new RagexException($"the daemon (pid {Endpoint.ProcessId}) did not answer within {timeout.TotalSeconds:0} s; see `ragex log`");
        }

        return reply switch
        {
            T answer => answer,
            RequestFailed failed => throw new RagexException(failed.Message) { NotIndexedPath = failed.NotIndexedPath },
            _ => throw new RagexException($"internal error: unexpected reply {reply.GetType().Name} to {request.GetType().Name}"),
        };
    }

    /// <summary>
    /// Starts the client system's shutdown without waiting for it: the CLI exits right after printing (the daemon
    /// just sees the association end), which saves the coordinated shutdown's time on every command.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        _ = system.Terminate();
        return ValueTask.CompletedTask;
    }
}

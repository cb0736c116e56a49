using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Ragex.Protocol.Daemon;

namespace Ragex.Remoting;

/// <summary>
/// A client ActorSystem (remoting on loopback, any port, TLS when the daemon wants it) talking to the daemon's request
/// router. Every client of a daemon (the CLI, the MCP server, benchmarks, tests) builds its ActorSystem here.
/// </summary>
public sealed class DaemonConnection : IAsyncDisposable
{
    private readonly ActorSelection requests;

    private DaemonConnection(ActorSystem system, DaemonEndpoint endpoint)
    {
        requests = system.ActorSelection(endpoint.RequestsPath);
        ClientSystem = system;
        Endpoint = endpoint;
    }

    /// <summary>The client system, for a process that ends it itself (a benchmark run, a test).</summary>
    public ActorSystem ClientSystem { get; }

    public DaemonEndpoint Endpoint { get; }

    /// <summary>
    /// Connects to <paramref name="endpoint"/>; a daemon that speaks TLS is shown the certificate that
    /// <paramref name="userConfigPath"/> (the node's <c>$RAGEX_HOME/ragex.hocon</c>) names.
    /// </summary>
    public static DaemonConnection Open(DaemonEndpoint endpoint, string userConfigPath) =>
        new(CreateClientSystem(endpoint.UsesTls ? ClientTls(endpoint, userConfigPath) : null), endpoint);

    /// <summary>
    /// A client system for one or more daemons, plain or presenting <paramref name="tls"/>'s certificate. The plain
    /// client is created from its config alone: Akka's overload taking a setup also reads the application's .config
    /// file (System.Configuration, which loads OpenSSL to hash its path), a few milliseconds of every command.
    /// </summary>
    public static ActorSystem CreateClientSystem(TlsSettings? tls = null)
    {
        UseRandomMachineId();
        return tls is null
            ? ActorSystem.Create(ClientSystemName, ConfigurationFactory.ParseString(RemotingHocon.Client))
            : ActorSystem.Create(ClientSystemName, TlsClientSetup(tls));
    }

    private const string ClientSystemName = "ragex-client";

    /// <summary>
    /// DotNetty derives the ids of its channels from a machine id, by default the best MAC address found by listing
    /// every network interface (with its routes and forwarding flags) when the first socket opens. Netty's documented
    /// override costs nothing, and a random one serves (ids only need to differ between channels); DotNetty reads it
    /// from the environment and takes 6 to 8 hex digits.
    /// </summary>
    private static void UseRandomMachineId()
    {
        const string machineIdVariable = "io.netty.machineId";
        if (Environment.GetEnvironmentVariable(machineIdVariable) is null)
        {
            Environment.SetEnvironmentVariable(machineIdVariable, Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// A cluster node with ragex.cluster.tls on takes only peers with a trusted certificate, its clients too: the
    /// client presents the one the node's own $RAGEX_HOME/ragex.hocon names.
    /// </summary>
    private static TlsSettings ClientTls(DaemonEndpoint endpoint, string userConfigPath)
    {
        var tls = TlsSettings.FromUserConfig(userConfigPath);
        return tls.Enabled
            ? tls
            : throw new DaemonException($"the daemon (pid {endpoint.ProcessId}) is a cluster node that speaks TLS, but "
                + $"{userConfigPath} does not turn ragex.cluster.tls on with its certificate");
    }

    /// <summary>As the node does (DaemonAkka): present the certificate, and require a trusted one of the node.</summary>
    private static ActorSystemSetup TlsClientSetup(TlsSettings tls)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = tls.LoadCertificate();
        }
        catch (CryptographicException e)
        {
            throw new DaemonException(e.Message, e);
        }

        return BootstrapSetup.Create().WithConfig(ConfigurationFactory.ParseString(RemotingHocon.TlsClient))
            .And(new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
                CertificateValidation.PinnedCertificate([.. tls.ThumbprintsFor(certificate)])));
    }

    /// <summary>How often a client waiting for a reply checks that the daemon's process still exists.</summary>
    public static readonly TimeSpan AliveCheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// One request, one reply; a <see cref="RequestFailed"/> becomes a <see cref="DaemonException"/>. A daemon that dies
    /// meanwhile (killed, crashed) is noticed within <see cref="AliveCheckInterval"/>: the wait ends with one line.
    /// </summary>
    public async Task<T> AskAsync<T>(IDaemonRequest request, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        object reply;
        try
        {
            reply = await WhileAlive(requests.Ask<object>(request, timeout, cancellationToken), cancellationToken);
        }
        catch (AskTimeoutException)
        {
            throw new DaemonException($"the daemon (pid {Endpoint.ProcessId}) did not answer within {timeout.TotalSeconds:0} s; see `ragex log`");
        }

        return reply switch
        {
            T answer => answer,
            RequestFailed failed => throw new DaemonException(failed.Message) { NotIndexedPath = failed.NotIndexedPath },
            _ => throw new DaemonException($"internal error: unexpected reply {reply.GetType().Name} to {request.GetType().Name}"),
        };
    }

    private async Task<object> WhileAlive(Task<object> asking, CancellationToken cancellationToken)
    {
        while (await Task.WhenAny(asking, Task.Delay(AliveCheckInterval, cancellationToken)) != asking)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Endpoint.IsAlive())
            {
                throw new DaemonException($"the daemon (pid {Endpoint.ProcessId}) stopped; run the command again to resume (see `ragex log`)");
            }
        }

        return await asking;
    }

    /// <summary>
    /// Nothing to do: the connection lives as long as the process (one command, or one MCP server), which exits right
    /// after printing; the daemon just sees the association end. Terminating the client system instead cost a third of
    /// a command's CPU (its scheduler's stop builds an exception stack trace from the AOT image's metadata).
    /// </summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

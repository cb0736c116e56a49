using Ragex.Protocol.Daemon;

namespace Ragex.Remoting;

/// <summary>Akka settings of a daemon's clients, and the TLS switch they share with a TLS node.</summary>
public static class RemotingHocon
{
    /// <summary>What a client's own ActorSystem needs to reach the daemon: remoting on loopback, any port, our serializer.</summary>
    public static readonly string Client =
        "akka { loglevel = ERROR, stdout-loglevel = ERROR, actor.provider = remote, remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, "
        + $"maximum-frame-size = {DaemonEndpoint.MaximumFrameBytes}b, send-buffer-size = {2 * DaemonEndpoint.MaximumFrameBytes}b, "
        + $"receive-buffer-size = {2 * DaemonEndpoint.MaximumFrameBytes}b, "
        + "server-socket-worker-pool.pool-size-min = 1, server-socket-worker-pool.pool-size-max = 1, "
        + "client-socket-worker-pool.pool-size-min = 1, client-socket-worker-pool.pool-size-max = 1 } }\n"
        + ProtocolSerializer.Hocon;

    /// <summary>Akka.Remote's TLS switch, for a TLS node and its clients alike (the certificate comes as a DotNettySslSetup).</summary>
    public const string EnableTls = "akka.remote.dot-netty.tcp.enable-ssl = true";

    /// <summary>The client's settings for a daemon that speaks TLS.</summary>
    public static readonly string TlsClient = EnableTls + "\n" + Client;
}

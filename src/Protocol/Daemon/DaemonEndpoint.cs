using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ragex.Protocol.Daemon;

/// <summary>
/// Where the running daemon listens, as written to <c>$RAGEX_HOME/daemon.json</c> (mode 0600) once it is ready, so
/// clients can find it. A file whose process is gone is stale.
/// </summary>
public sealed record DaemonEndpoint(int ProcessId, string Host, int Port, string SystemName, DateTimeOffset Started)
{
    public const string FileName = "daemon.json";

    /// <summary>
    /// Largest message between client and daemon (both sides must allow it): Akka's 128 kB default is less than a
    /// search reply of a few hundred hits with context; a reply that would not fit is cut to fit (<see cref="ReplyFrame"/>).
    /// </summary>
    public const int MaximumFrameBytes = 8 << 20;

    public const string PlainProtocol = "akka.tcp";

    public const string TlsProtocol = "akka.ssl.tcp";

    /// <summary>Akka's transport scheme: akka.tcp, or akka.ssl.tcp for a cluster node with ragex.cluster.tls on.</summary>
    public string Protocol { get; init; } = PlainProtocol;

    [JsonIgnore]
    public bool UsesTls => Protocol == TlsProtocol;

    /// <summary>The actor path clients send requests to.</summary>
    public string RequestsPath => $"{Protocol}://{SystemName}@{Host}:{Port}/user/ragex";

    public static DaemonEndpoint? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ProtocolJsonContext.Default.DaemonEndpoint);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the file atomically, readable and writable by its owner only.</summary>
    public void Write(string path)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, this, ProtocolJsonContext.Default.DaemonEndpoint);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

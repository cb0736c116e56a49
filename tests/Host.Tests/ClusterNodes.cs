using System.Diagnostics;
using Akka.Actor;
using Ragex.Protocol.Daemon;

namespace Ragex.Host.Tests;

/// <summary>
/// Real ragexd cluster nodes on loopback, each with its own RAGEX_HOME: an indexer that is its own seed on a fixed port,
/// and embedders that join through it. Everything is awaited on status, looked at again after each write to the indexer's
/// home (its index, its log), never on sleeps; dispose kills them all.
/// </summary>
public sealed class ClusterNodes(ActorSystem client) : IDisposable
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);
    private readonly List<(DaemonProcess Daemon, string Home)> nodes = [];

    public int SeedPort { get; } = LoopbackPort.Free();

    public DaemonProcess Indexer => nodes[0].Daemon;

    public string IndexerHome => nodes[0].Home;

    public IReadOnlyList<DaemonProcess> Embedders => [.. nodes.Skip(1).Select(n => n.Daemon).Where(d => !d.Process.HasExited)];

    public static string AddressOf(DaemonProcess node) => $"{node.Endpoint.Protocol}://ragex@{node.Endpoint.Host}:{node.Endpoint.Port}";

    public async Task StartIndexerAsync(string? hocon = null) =>
        await StartAsync(hocon, "--cluster", "--port", $"{SeedPort}", "--seed", $"127.0.0.1:{SeedPort}", "--role", "indexer");

    public async Task<DaemonProcess> StartEmbedderAsync(string? hocon = null) =>
        await StartAsync(hocon, "--cluster", "--seed", $"127.0.0.1:{SeedPort}", "--role", "embedder");

    public ActorSelection Requests(DaemonProcess node) => client.ActorSelection(node.Endpoint.RequestsPath);

    /// <summary>The owner's status as seen through <paramref name="via"/>; retried while the singleton is still being found.</summary>
    public async Task<DaemonStatus> StatusAsync(DaemonProcess via)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return Assert.IsType<DaemonStatus>(await Requests(via).Ask<object>(new StatusQuery(), AskTimeout));
            }
            catch (AskTimeoutException) when (watch.Elapsed < TimeSpan.FromMinutes(3))
            {
            }
        }
    }

    /// <summary>Waits until the owner's router lists exactly these embedder nodes, all reachable.</summary>
    public async Task<DaemonStatus> UntilEmbeddersAsync(params DaemonProcess[] embedders)
    {
        var expected = embedders.Select(AddressOf).Order(StringComparer.Ordinal).ToList();
        return await UntilAsync(() => StatusAsync(Indexer), status =>
            (status.EmbedderNodes ?? []).Where(n => n.Reachable).Select(n => n.Address).Order(StringComparer.Ordinal).SequenceEqual(expected));
    }

    /// <summary>The probe's value once done, probed again after each write to the indexer's home (its index, its log).</summary>
    public Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null) =>
        DirectoryChanges.UntilAsync(IndexerHome, probe, done, timeout ?? TimeSpan.FromMinutes(3), value => $"last: {value}");

    public void Dispose()
    {
        foreach (var (daemon, home) in nodes)
        {
            daemon.Dispose();
            Directory.Delete(home, recursive: true);
        }
    }

    private async Task<DaemonProcess> StartAsync(string? hocon, params string[] arguments)
    {
        var home = Directory.CreateTempSubdirectory("ragex-node-").FullName;
        if (hocon is not null)
        {
            File.WriteAllText(Path.Combine(home, "ragex.hocon"), hocon);
        }

        var daemon = await DaemonProcess.StartAsync(home, arguments);
        nodes.Add((daemon, home));
        return daemon;
    }
}

using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ragex.Actors;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Host;
using Ragex.Protocol.Daemon;
using Ragex.Settings;
using Serilog;
using Serilog.Events;

NativeHeap.LimitArenas(2);
if (args is ["prepare-models"])
{
    // scripts/setup: distil the static table beside the installed model now, so no first index waits for it.
    return ModelPreparation.Run(RagexHome.FromEnvironment());
}

var (arguments, badArguments) = DaemonArguments.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine($"ragexd: {badArguments}");
    return 2;
}

var home = RagexHome.FromEnvironment().EnsureCreated();
using var instance = DaemonLock.TryAcquire(home.Directory);
var endpointPath = Path.Combine(home.Directory, DaemonEndpoint.FileName);
if (instance is null)
{
    var running = DaemonEndpoint.TryRead(endpointPath);
    Console.Error.WriteLine($"ragexd: a daemon is already running for {home.Directory}" + (running is null ? "" : $" (pid {running.ProcessId}, port {running.Port})"));
    return 2;
}

File.Delete(endpointPath);
Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Akka.Remote", LogEventLevel.Error)
    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
    // A client that exits ends its association; that is how every command finishes, not an error. (Akka.Remote's
    // EndpointDisassociatedException is internal; its message is fixed.)
    .Filter.ByExcluding(e => e.Exception is AkkaException { Message: "Disassociated" })
    .Enrich.FromLogContext()
    .WriteTo.File(Path.Combine(home.Directory, "logs", "daemon-.log"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 7)
    .CreateLogger();

try
{
    var config = RagexSettings.Load(home);
    var settings = RagexSettings.From(config);
    using var embedders = settings.CreateEmbedderProvider(EmbedderProvider.ModelsDirectoryFor(home), message => Log.Information("{Message}", message));
    var cluster = arguments.Cluster ? ClusterSettings.From(config, arguments) : null;
    var services = RagexServices.Create(new ProjectRegistry(home), embedders, settings.Indexer, settings.Ranking) with
    {
        EmbedderPool = EmbedderPoolSettings.From(config),
        // A client receives frames of DaemonEndpoint.MaximumFrameBytes; a cluster node may send smaller ones.
        MaximumReplyBytes = (int)Math.Min(cluster?.MaximumFrameSize ?? long.MaxValue, DaemonEndpoint.MaximumFrameBytes),
    };
    var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([]);
    builder.Services.AddSerilog();
    builder.Services.AddAkka(ClusterSettings.SystemName, akka =>
    {
        if (cluster is null)
        {
            DaemonAkka.SingleNode(akka, services);
        }
        else
        {
            DaemonAkka.ClusterNode(akka, services, cluster);
        }
    });
    using var host = builder.Build();
    await host.StartAsync();

    var address = ((ExtendedActorSystem)host.Services.GetRequiredService<ActorSystem>()).Provider.DefaultAddress;
    var endpoint = new DaemonEndpoint(Environment.ProcessId, address.Host!, address.Port!.Value, address.System, DateTimeOffset.UtcNow) { Protocol = address.Protocol };
    endpoint.Write(endpointPath);
    Log.Information("ragexd {Pid} listening on {Address} for {Home}", endpoint.ProcessId, endpoint.RequestsPath, home.Directory);
    if (cluster is not null)
    {
        Log.Information("Cluster node {Address} with roles {Roles}, seeds {Seeds}", address, cluster.Roles, cluster.SeedNodes);
    }

    await host.WaitForShutdownAsync();
    Log.Information("ragexd {Pid} stopped", endpoint.ProcessId);
    // Akka.Remote shuts a node down when a TLS handshake fails (its reason type is internal, hence the name).
    if (CoordinatedShutdown.Get(host.Services.GetRequiredService<ActorSystem>()).ShutdownReason?.GetType().Name == "TlsHandshakeFailureReason")
    {
        Console.Error.WriteLine("ragexd: refused by the cluster: TLS handshake failed (the peers' certificates do not trust each other; see ragex.cluster.tls)");
        return 2;
    }

    return 0;
}
catch (Exception e)
{
    Log.Fatal(e, "ragexd failed");
    Console.Error.WriteLine($"ragexd: {e.Message}");
    return 2;
}
finally
{
    File.Delete(endpointPath);
    await Log.CloseAndFlushAsync();
}

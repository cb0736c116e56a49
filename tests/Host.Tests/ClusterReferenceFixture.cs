using System.Text.Json;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;
using Ragex.Remoting;

namespace Ragex.Host.Tests;

/// <summary>
/// The single-machine daemon's index of the json, email and http packages, built once for the cluster tests: its chunk
/// ids and vectors, and its top-10 for every dev query of ../shared/eval (hybrid mode). With
/// <c>RAGEX_CLUSTER_CORPUS=stdlib</c> the corpus is the eval's whole stdlib instead (~20k chunks, about half an hour
/// on 2 cores for the reference and the cluster together: too long for CI, which runs the three packages).
/// </summary>
public sealed class ClusterReferenceFixture : IAsyncLifetime
{
    public static readonly string[] Packages = ["json", "email", "http"];
    public static readonly bool WholeStdlib = Environment.GetEnvironmentVariable("RAGEX_CLUSTER_CORPUS") == "stdlib";
    public static readonly TimeSpan IndexTimeout = TimeSpan.FromMinutes(WholeStdlib ? 90 : 20);
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;

    public StdlibSubset Tree { get; } = NewTree();

    /// <summary>A package that is in neither corpus, for a test that adds files to an indexed tree.</summary>
    public static string PackageOutsideCorpus => WholeStdlib ? "test" : "html";

    public ActorSystem Client { get; } = DaemonConnection.CreateClientSystem();

    public IndexSnapshot Index { get; private set; } = null!;

    /// <summary>The single daemon's answer to the index request, for comparing times.</summary>
    public ProjectIndexed Summary { get; private set; } = null!;

    public IReadOnlyList<IReadOnlyList<string>> TopTen { get; private set; } = [];

    public static IReadOnlyList<string> DevQueries { get; } = [.. File.ReadLines(DevQueriesPath())
        .Where(line => line.Length > 0)
        .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("query").GetString()!)];

    /// <summary>Another copy of the corpus this fixture indexed.</summary>
    public static StdlibSubset NewTree() => WholeStdlib ? StdlibSubset.EvalCorpus() : new StdlibSubset(Packages);

    public async Task InitializeAsync()
    {
        using var daemon = await DaemonProcess.StartAsync(home);
        var requests = Client.ActorSelection(daemon.Endpoint.RequestsPath);
        Summary = Assert.IsType<ProjectIndexed>(await requests.Ask<object>(new IndexProject(Tree.Root, Embeddings: true, WaitForAllTiers: true), IndexTimeout));
        Index = IndexSnapshot.Read(home, Tree.Root);
        TopTen = await TopTenAsync(requests, Tree.Root);
    }

    /// <summary>Each dev query's ten hits as "path:line-end", in rank order.</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<string>>> TopTenAsync(ActorSelection requests, string root)
    {
        var results = new List<IReadOnlyList<string>>();
        foreach (var query in DevQueries)
        {
            var request = new SearchRequest(query, SearchMode.Hybrid) { Paths = [root], Limit = 10 };
            var reply = Assert.IsType<SearchReply>(await requests.Ask<object>(new SearchQuery(request, root), ClusterNodes.AskTimeout));
            results.Add([.. reply.Hits.Select(h => $"{h.Path}:{h.Line}-{h.EndLine}")]);
        }

        return results;
    }

    public async Task DisposeAsync()
    {
        await Client.Terminate();
        SqliteConnection.ClearAllPools();
        Tree.Dispose();
        Directory.Delete(home, recursive: true);
    }

    private static string DevQueriesPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "..", "shared", "eval", "python-stdlib-dev.jsonl");
            if (File.Exists(Path.Combine(directory.FullName, "Ragex.sln")) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("../shared/eval/python-stdlib-dev.jsonl not found above the test directory");
    }
}

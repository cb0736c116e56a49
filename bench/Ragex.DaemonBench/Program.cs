using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

// Daemon memory under a large indexing load: starts the real ragexd on a private RAGEX_HOME, asks it to index a copy
// of /usr/lib/python3.11 and a generated tree of 20,000 small files at once (with embeddings), samples its RSS from
// /proc while it works, and reports the peak next to its progress. Usage: Ragex.DaemonBench REPO [SECONDS]
var repository = Path.GetFullPath(args.Length > 0 ? args[0] : ".");
var seconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300;
var work = Path.Combine(repository, "artifacts", "daemon-bench");
var home = Path.Combine(work, "home");
if (Directory.Exists(home))
{
    Directory.Delete(home, recursive: true);
}

var stdlib = Path.Combine(work, "python3.11");
var generated = Path.Combine(work, "generated");
CopyOnce("/usr/lib/python3.11", stdlib);
GenerateOnce(generated, 20_000);

var startInfo = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true };
startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ragexd.dll"));
startInfo.Environment["RAGEX_HOME"] = home;
startInfo.Environment["RAGEX_MODELS_DIR"] = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ragex", "models");
using var daemon = Process.Start(startInfo)!;
DaemonEndpoint? endpoint = null;
while (endpoint is null)
{
    await Task.Delay(100);
    endpoint = DaemonEndpoint.TryRead(Path.Combine(home, DaemonEndpoint.FileName)) is { } e && e.ProcessId == daemon.Id ? e : null;
}

using var client = ActorSystem.Create("bench", ConfigurationFactory.ParseString(DaemonEndpoint.ClientHocon));
var daemonRef = client.ActorSelection(endpoint.RequestsPath);
var idleRss = Rss(daemon.Id);
daemonRef.Tell(new IndexProject(stdlib));
daemonRef.Tell(new IndexProject(generated));

var samples = new List<(double Seconds, long Rss, long Chunks, long Embedded)>();
var watch = Stopwatch.StartNew();
while (watch.Elapsed.TotalSeconds < seconds)
{
    await Task.Delay(TimeSpan.FromSeconds(5));
    var status = await daemonRef.Ask<DaemonStatus>(new StatusQuery(), TimeSpan.FromSeconds(30));
    var sample = (watch.Elapsed.TotalSeconds, Rss(daemon.Id), status.Projects.Sum(p => p.Chunks), status.Projects.Sum(p => p.EmbeddedChunks));
    samples.Add(sample);
    Console.WriteLine($"{sample.Item1,6:0} s  rss {sample.Item2 / 1048576.0,7:0.0} MiB  chunks {sample.Item3,7}  embedded {sample.Item4,7}");
}

daemon.Kill();
var peak = samples.MaxBy(s => s.Rss);
Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| RSS after start, idle | {idleRss / 1048576.0:0.0} MiB |");
Console.WriteLine($"| peak RSS while indexing (sampled every 5 s for {seconds} s) | {peak.Rss / 1048576.0:0.0} MiB at {peak.Seconds:0} s |");
Console.WriteLine($"| RSS at the end of the window | {samples[^1].Rss / 1048576.0:0.0} MiB |");
Console.WriteLine($"| chunks known / embedded at the end | {samples[^1].Chunks} / {samples[^1].Embedded} |");
var output = Path.Combine(repository, "bench", "results", "daemon-rss.json");
File.WriteAllText(output, JsonSerializer.Serialize(new
{
    idle_rss_bytes = idleRss,
    peak_rss_bytes = peak.Rss,
    peak_at_seconds = peak.Seconds,
    window_seconds = seconds,
    samples = samples.Select(s => new { seconds = s.Seconds, rss_bytes = s.Rss, chunks = s.Chunks, embedded = s.Embedded }),
}, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {output}");

static long Rss(int pid) =>
    File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024)
        .First();

static void CopyOnce(string source, string destination)
{
    if (Directory.Exists(destination))
    {
        return;
    }

    foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
    {
        var target = Path.Combine(destination, Path.GetRelativePath(source, file));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
    }
}

static void GenerateOnce(string root, int files)
{
    if (Directory.Exists(root))
    {
        return;
    }

    for (var i = 0; i < files; i++)
    {
        var directory = Path.Combine(root, $"pkg{i / 500:000}");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"module{i:00000}.py"),
            $"def handler_{i}(request):\n    '''Handle request number {i} and return its {(i % 2 == 0 ? "status" : "payload")}.'''\n    return request.get({i})\n");
    }
}

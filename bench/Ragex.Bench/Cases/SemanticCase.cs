using System.Text.Json;

namespace Ragex.Bench.Cases;

/// <summary>
/// Case 3: semantic and hybrid query latency, inside the daemon (the reply's elapsed_milliseconds) and through the CLI
/// (wall), on a corpus indexed with embeddings. The 100k-vector goal is checked by the FAISS micro-benchmark.
/// </summary>
public static class SemanticCase
{
    public static readonly string[] Questions =
    [
        "decode a JSON document from a string",
        "parse the headers of an email message",
        "send an HTTP request and read the response status",
        "format a date for an HTTP cookie expiry",
        "encode non-ASCII characters in a mail header",
        "serve files from the current directory over HTTP",
    ];

    public static async Task RunAsync(BenchContext context, string corpusName, string root, long chunks)
    {
        foreach (var mode in new[] { "semantic", "hybrid" })
        {
            var inDaemon = new List<double>();
            var wall = new List<double>();
            await context.Cli.CheckedAsync(root, "search", "--mode", mode, "--json", Questions[0]);
            for (var i = 0; i < Math.Max(2, context.Runs / 2); i++)
            {
                foreach (var question in Questions)
                {
                    var run = await context.Cli.CheckedAsync(root, "search", "--mode", mode, "--json", question);
                    using var reply = JsonDocument.Parse(run.Stdout);
                    inDaemon.Add(reply.RootElement.GetProperty("elapsed_milliseconds").GetDouble());
                    wall.Add(run.Milliseconds);
                }
            }

            context.Add(new ResultRow("3 semantic", $"{mode} query in daemon ({chunks} chunks)", corpusName, "ms", Distribution.Of(inDaemon))
            {
                Goal = "(25 ms is the goal at 100k chunks: see the FAISS micro row)",
                Note = $"p95 {Distribution.Of(inDaemon).P95:0.0} ms",
            });
            context.Add(new ResultRow("3 semantic", $"{mode} query through the CLI, wall ({chunks} chunks)", corpusName, "ms", Distribution.Of(wall))
            {
                Note = $"p95 {Distribution.Of(wall).P95:0.0} ms",
            });
        }
    }
}

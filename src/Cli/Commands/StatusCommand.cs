using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Commands;

/// <summary>`ragex status`: the daemon's health, its embedder pool and every project's state.</summary>
public static class StatusCommand
{
    public static Command Build(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON" };
        var command = new Command("status", "Show the daemon's health, projects, queue depths and memory") { json };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            if (parse.GetValue(GlobalOptions.NoDaemon) || context.NoDaemon)
            {
                throw new Core.RagexException("status describes the daemon; it has no --no-daemon form (try `ragex ls`)");
            }

            await using var daemon = await context.OpenDaemonAsync(token);
            var status = await daemon.StatusAsync(token);
            context.Out.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(status, ProtocolJsonContext.Default.DaemonStatus) : Describe(status));
            return ExitCodes.Found;
        }));
        return command;
    }

    public static string Describe(DaemonStatus status)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"ragex daemon {status.Version}: pid {status.ProcessId}, up {TimeSpan.FromSeconds(Math.Round(status.UptimeSeconds)):c}, {status.WorkingSetBytes / (1024 * 1024)} MiB"),
            $"embedder pool: {status.EmbedderSessions} session(s), {status.EmbedderBusy} busy, {status.EmbedderQueued} queued",
        };
        if (status.Node is { } node)
        {
            lines.Add($"cluster node {node.Address} ({string.Join(", ", node.Roles)}); the rest is the index owner's");
            lines.AddRange((status.EmbedderNodes ?? []).Select(Describe));
            lines.Add($"embedding batches sent again: {status.EmbeddingRetries}, duplicate answers dropped: {status.DuplicateEmbeddingsDropped}");
        }

        lines.AddRange(status.Projects.Select(Describe));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Describe(Protocol.Cluster.EmbedderNodeStatus node) =>
        $"embedder node {node.Address}: {(node.Reachable ? "reachable" : "unreachable")}, {node.InFlight} batch(es) in flight, "
        + $"{node.ChunksEmbedded} chunks in {node.BatchesEmbedded} batches embedded";

    private static string Describe(ProjectStatus project)
    {
        var phase = project.Phase is { } current ? $" ({StatusNames.Of(current)} {project.PhaseDone}/{project.PhaseTotal})" : "";
        var error = (project.LastError is null ? "" : $"; last error: {project.LastError}")
            + (project.Polling is null ? "" : $"; {project.Polling}")
            + (project.Repaired is null ? "" : $"; {project.Repaired}");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{project.ProjectId}  {project.Root}  {StatusNames.Of(project.State)}{phase}  {project.Files} files  {project.Chunks} chunks  "
            + $"static tier {StaticPercent(project)}%  transformer tier {(project.TransformerOff is { } off ? off : $"{project.IndexPercent}%")}  "
            + $"queue {project.QueueDepth + project.QueuedChanges}  "
            + $"{project.ChunksPerSecond} chunks/s{error}");
    }

    private static double StaticPercent(ProjectStatus project) =>
        project.Chunks == 0 ? 100 : Math.Round(100.0 * project.StaticChunks / project.Chunks, 1);
}

using System.ComponentModel;
using System.Diagnostics;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Ragex.Core.Indexing;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Mcp;

/// <summary>index_project, index_status and list_projects: registering projects and seeing their state.</summary>
[McpServerToolType]
public sealed class ProjectTools(McpBackend backends, CliContext context)
{
    [McpServerTool(Name = "index_project", Title = "Index a project", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("""
        Index a project directory so search_code and find_symbol can search it: registers it with ragex (the daemon
        then keeps it up to date as files change) and builds its symbol, keyword and semantic (embedding) indexes.
        Returns as soon as every chunk is searchable in every mode (the static embedding tier: seconds for most
        repositories); the transformer tier then refines semantic results in the background (transformer_continues;
        index_status shows how far). Incremental: re-indexing only re-parses changed files, so it is cheap. Returns JSON
        counts: files, parsed, symbols, chunks, static_chunks, embedded_chunks (transformer tier), transformer_continues,
        skipped files by reason, and seconds.
        """)]
    public Task<CallToolResult> IndexProjectAsync(
        [Description("The project's root directory (absolute, or relative to the server's working directory, which is usually the workspace)")] string path,
        McpServer server,
        RequestContext<CallToolRequestParams> request,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, async () =>
        {
            var root = ProjectScope.ResolveDirectory(path, context.CurrentDirectory);
            var backend = await backends.GetAsync(cancellationToken);
            var progress = new ProgressRelay(server, request.Params?.ProgressToken);
            var indexed = await backend.IndexAsync(root, embeddings: true, progress, cancellationToken);
            await progress.FlushAsync();
            return McpResults.Json(McpIndexSummary.From(indexed), McpJsonContext.Default.McpIndexSummary);
        });

    [McpServerTool(Name = "index_status", Title = "Index status", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        The ragex daemon's state: every indexed project with its state, current phase and progress (scanning, parsing,
        static tier, then embedding for the transformer tier; phase_done of phase_total), files, chunks, static_chunks,
        the transformer tier's share (index_percent), queued changes and queue
        depth, last error; the embedder pool (sessions, busy, queued); the daemon's memory (working_set_bytes) and
        uptime. Use it to see whether indexing has finished before relying on semantic search.
        """)]
    public Task<CallToolResult> IndexStatusAsync(CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, async () =>
        {
            var daemon = await backends.GetDaemonAsync(cancellationToken);
            return McpResults.Json(await daemon.StatusAsync(cancellationToken), ProtocolJsonContext.Default.DaemonStatus);
        });

    [McpServerTool(Name = "list_projects", Title = "List indexed projects", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        The projects ragex has indexed (the only places search_code and find_symbol can search): id, root directory,
        files, symbols, chunks, embedded chunks and when each was last indexed. An empty list means nothing is indexed
        yet: call index_project first.
        """)]
    public Task<CallToolResult> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, async () =>
        {
            var backend = await backends.GetAsync(cancellationToken);
            return McpResults.Json(await backend.ListAsync(cancellationToken), ProtocolJsonContext.Default.ProjectList);
        });

    /// <summary>
    /// Indexing phases as MCP progress notifications (when the client asked for them), sent one after another; the tool
    /// awaits <see cref="FlushAsync"/> before it answers, because a notification that arrives after the result names a
    /// token the client has already forgotten (the SDK's own IProgress sends without waiting, so that can happen).
    /// </summary>
    private sealed class ProgressRelay(McpServer server, ProgressToken? token) : IProgress<IndexProgress>
    {
        /// <summary>
        /// How long the result waits after the last notification. The TypeScript SDK client (what Claude Code runs)
        /// handles a notification a microtask later but a response at once, so a notification read together with the
        /// result is reported as an unknown token; the pause keeps them in separate reads.
        /// </summary>
        private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);

        private readonly Lock gate = new();
        private Task sent = Task.CompletedTask;
        private long lastSentTimestamp;

        public void Report(IndexProgress value)
        {
            if (token is not { } progressToken)
            {
                return;
            }

            var notification = new ProgressNotificationValue { Progress = value.Done, Total = value.Total, Message = StatusNames.Of(value.Phase) };
            lock (gate)
            {
                sent = SendAfterAsync(sent, progressToken, notification);
            }
        }

        public async Task FlushAsync()
        {
            Task pending;
            lock (gate)
            {
                pending = sent;
            }

            await pending;
            if (Interlocked.Read(ref lastSentTimestamp) is var last and > 0 && SettleTime - Stopwatch.GetElapsedTime(last) is { Ticks: > 0 } remaining)
            {
                await Task.Delay(remaining);
            }
        }

        private async Task SendAfterAsync(Task previous, ProgressToken progressToken, ProgressNotificationValue notification)
        {
            await previous;
            await server.NotifyProgressAsync(progressToken, notification);
            Interlocked.Exchange(ref lastSentTimestamp, Stopwatch.GetTimestamp());
        }
    }
}

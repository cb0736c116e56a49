using Ragex.Cli.Backends;
using Ragex.Core;

namespace Ragex.Cli.Mcp;

/// <summary>
/// The one backend an MCP server talks to: opened on the first tool call, so the handshake and `tools/list` never wait
/// for the daemon to start, then reused by every call until the server stops.
/// </summary>
public sealed class McpBackend(CliContext context, bool noDaemon) : IAsyncDisposable
{
    private readonly SemaphoreSlim opening = new(1, 1);
    private IRagexBackend? backend;

    public async Task<IRagexBackend> GetAsync(CancellationToken cancellationToken)
    {
        await opening.WaitAsync(cancellationToken);
        try
        {
            // A failed open is not remembered: the next call tries again (e.g. once the daemon can start).
            return backend ??= await context.OpenBackendAsync(noDaemon, cancellationToken);
        }
        finally
        {
            opening.Release();
        }
    }

    public async Task<DaemonBackend> GetDaemonAsync(CancellationToken cancellationToken) =>
        await GetAsync(cancellationToken) as DaemonBackend
        ?? throw new RagexException("this server runs without the daemon (--no-daemon), so there is no daemon status; use list_projects");

    public async ValueTask DisposeAsync()
    {
        if (backend is not null)
        {
            await backend.DisposeAsync();
        }

        opening.Dispose();
    }
}

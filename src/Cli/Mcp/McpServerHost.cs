using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using GenericHost = Microsoft.Extensions.Hosting.Host;
using ModelContextProtocol.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>`ragex mcp`: an MCP server on stdin/stdout whose tools relay to the daemon (or, with --no-daemon, run in process).</summary>
public static class McpServerHost
{
    private const string Instructions = """
        ragex searches code in projects indexed on this machine. Call list_projects to see what is indexed; if the
        workspace is not, call index_project on its root once (the daemon then keeps it current). Use find_symbol for a
        known name, search_code with mode "regex" for exact text, and search_code with a natural-language question
        (mode "auto" or "semantic") to find code by what it does; find_references for where a name is used; read_code
        for a hit's whole definition instead of reading the file around it. Answers fit max_tokens (default 2000) and
        page with next_cursor.
        """;

    public static async Task<int> RunAsync(CliContext context, bool noDaemon, CancellationToken cancellationToken)
    {
        // Stdout carries protocol messages only. The transport writes the raw stdout stream, so anything else that
        // prints to Console.Out (Akka's stdout logger, for one) is sent to stderr instead of corrupting the stream.
        Console.SetOut(Console.Error);
        var server = context with { Out = Console.Error };

        // The empty builder adds no logging providers, configuration sources or console output of its own.
        var builder = GenericHost.CreateEmptyApplicationBuilder(settings: null);
        builder.Services.AddSingleton(server);
        builder.Services.AddSingleton(_ => new McpBackend(server, noDaemon));
        builder.Services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "ragex", Version = Version() };
                options.ServerInstructions = Instructions;
            })
            .WithStdioServerTransport()
            .WithTools<SearchTools>(McpJsonContext.ToolOptions)
            .WithTools<CodeTools>(McpJsonContext.ToolOptions)
            .WithTools<ProjectTools>(McpJsonContext.ToolOptions);
        await builder.Build().RunAsync(cancellationToken);
        return ExitCodes.Found;
    }

    private static string Version() => typeof(McpServerHost).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

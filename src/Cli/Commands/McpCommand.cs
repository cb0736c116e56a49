using System.CommandLine;
using Ragex.Cli.Mcp;

namespace Ragex.Cli.Commands;

/// <summary>`ragex mcp`: serves the Model Context Protocol over stdio until the client closes stdin.</summary>
public static class McpCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("mcp", "Serve the Model Context Protocol over stdio for AI assistants (e.g. `claude mcp add ragex -- ragex mcp`)");
        command.SetAction((parse, token) => CommandRunner.RunAsync(
            context,
            parse.GetValue(GlobalOptions.Verbose),
            () => McpServerHost.RunAsync(context, parse.GetValue(GlobalOptions.NoDaemon), token)));
        return command;
    }
}

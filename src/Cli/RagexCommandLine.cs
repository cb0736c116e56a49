using System.CommandLine;
using Ragex.Cli.Commands;

namespace Ragex.Cli;

/// <summary>The `ragex` command tree. Parsing only; each command's work lives in its own class.</summary>
public static class RagexCommandLine
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("ragex: regex, symbol and semantic code search over local repositories");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.NoDaemon);
        root.Subcommands.Add(IndexCommand.Build(context));
        root.Subcommands.Add(SearchCommand.Build(context));
        root.Subcommands.Add(InitCommand.Build(context));
        root.Subcommands.Add(ListCommand.Build(context));
        root.Subcommands.Add(RemoveCommand.Build(context));
        root.Subcommands.Add(StatusCommand.Build(context));
        root.Subcommands.Add(DaemonCommands.Foreground(context));
        root.Subcommands.Add(DaemonCommands.Start(context));
        root.Subcommands.Add(DaemonCommands.Stop(context));
        root.Subcommands.Add(LogCommand.Build(context));
        root.Subcommands.Add(McpCommand.Build(context));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context)
    {
        var parsed = Build(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            context.Error.WriteLine($"ragex: {parsed.Errors[0].Message} (see `ragex --help`)");
            return ExitCodes.Error;
        }

        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            Output = context.Out,
            Error = context.Error,
        };
        return await parsed.InvokeAsync(configuration);
    }
}

using System.CommandLine;

namespace Ragex.Cli.Commands;

/// <summary>`ragex rm PROJECT|PATH`: stops watching a project and deletes its index (the repository itself is untouched).</summary>
public static class RemoveCommand
{
    public static Command Build(CliContext context)
    {
        var target = new Argument<string>("PROJECT") { Description = "Project id (or prefix) or a path inside the project" };
        var command = new Command("rm", "Remove a project's index") { target };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            var name = parse.GetValue(target)!;
            var full = Path.GetFullPath(name, context.CurrentDirectory);
            var idOrPath = Directory.Exists(full) || File.Exists(full) ? full : name;
            await using var backend = await context.OpenBackendAsync(parse.GetValue(GlobalOptions.NoDaemon), token);
            var removed = await backend.RemoveAsync(idOrPath, token);
            context.Out.WriteLine($"removed {removed.ProjectId} {removed.Root}");
            return ExitCodes.Found;
        }));
        return command;
    }
}

using System.CommandLine;

namespace Ragex.Cli.Commands;

/// <summary>`ragex rm PROJECT|PATH`: forgets a project and deletes its index (the repository itself is untouched).</summary>
public static class RemoveCommand
{
    public static Command Build(CliContext context)
    {
        var target = new Argument<string>("PROJECT") { Description = "Project id (or prefix) or a path inside the project" };
        var command = new Command("rm", "Remove a project's index") { target };
        command.SetAction((parse, _) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), () =>
        {
            var name = parse.GetValue(target)!;
            var idOrPath = Directory.Exists(Path.GetFullPath(name, context.CurrentDirectory)) ? Path.GetFullPath(name, context.CurrentDirectory) : name;
            var project = context.Registry.Find(idOrPath) ?? throw new Core.RagexException($"{name}: no such indexed project");
            context.Registry.Remove(project);
            context.Out.WriteLine($"removed {project.Id} {project.Root}");
            return Task.FromResult(ExitCodes.Found);
        }));
        return command;
    }
}

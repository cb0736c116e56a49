using System.CommandLine;

namespace Ragex.Cli.Commands;

/// <summary>`ragex ls`: the registered projects with their file, symbol and chunk counts and when they were last indexed.</summary>
public static class ListCommand
{
    public static Command Build(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("ls", "List indexed projects") { json };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            await using var backend = await context.OpenBackendAsync(parse.GetValue(GlobalOptions.NoDaemon), token);
            var projects = (await backend.ListAsync(token)).Projects;
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(Output.OutputJson.Write(writer =>
                {
                    writer.WriteStartArray();
                    foreach (var project in projects)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", project.Id);
                        writer.WriteString("root", project.Root);
                        writer.WriteNumber("files", project.Files);
                        writer.WriteNumber("symbols", project.Symbols);
                        writer.WriteNumber("chunks", project.Chunks);
                        writer.WriteNumber("embedded_chunks", project.EmbeddedChunks);
                        writer.WriteString("last_indexed", project.LastIndexed);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }));
            }
            else
            {
                foreach (var project in projects)
                {
                    context.Out.WriteLine(
                        $"{project.Id}  {project.Root}  {project.Files} files  {project.Symbols} symbols  {project.Chunks} chunks  last indexed {project.LastIndexed}");
                }
            }

            return projects.Count > 0 ? ExitCodes.Found : ExitCodes.NotFound;
        }));
        return command;
    }
}

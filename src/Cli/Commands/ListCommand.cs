using System.CommandLine;
using Ragex.Core.Storage;

namespace Ragex.Cli.Commands;

/// <summary>`ragex ls`: the registered projects with their file and symbol counts and when they were last indexed.</summary>
public static class ListCommand
{
    public static Command Build(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON" };
        var command = new Command("ls", "List indexed projects") { json };
        command.SetAction((parse, _) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), () =>
        {
            var rows = context.Registry.List().Select(project =>
            {
                using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
                return (project, files: database.CountFiles(), symbols: database.CountSymbols(), last: database.GetMeta(MetaKeys.LastIndexed) ?? "never");
            }).ToList();
            if (parse.GetValue(json))
            {
                context.Out.WriteLine(Core.Output.OutputJson.Write(writer =>
                {
                    writer.WriteStartArray();
                    foreach (var (project, files, symbols, last) in rows)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", project.Id);
                        writer.WriteString("root", project.Root);
                        writer.WriteNumber("files", files);
                        writer.WriteNumber("symbols", symbols);
                        writer.WriteString("last_indexed", last);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                }));
            }
            else
            {
                foreach (var (project, files, symbols, last) in rows)
                {
                    context.Out.WriteLine($"{project.Id}  {project.Root}  {files} files  {symbols} symbols  last indexed {last}");
                }
            }

            return Task.FromResult(rows.Count > 0 ? ExitCodes.Found : ExitCodes.NotFound);
        }));
        return command;
    }
}

using System.CommandLine;
using Ragex.Core.Ignore;

namespace Ragex.Cli.Commands;

/// <summary>`ragex init [PATH]`: writes a commented .ragexignore template; an existing file is never overwritten.</summary>
public static class InitCommand
{
    public const string Template = """
        # .ragexignore: paths ragex leaves out of its index, in .gitignore syntax.
        # It takes precedence over .gitignore, .ignore and .rgignore; a rule here can re-include with '!'.
        # Already skipped by default: .git node_modules bin obj __pycache__ .venv dist build, hidden files,
        # binary files and files over 1 MiB.
        #
        # Examples:
        # *.min.js
        # vendor/
        # /generated/
        # !build/keep-this.txt

        """;

    public static Command Build(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "Project root (default: current directory)", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Write a commented .ragexignore template") { path };
        command.SetAction((parse, _) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), () =>
        {
            var directory = Path.GetFullPath(parse.GetValue(path)!, context.CurrentDirectory);
            if (!Directory.Exists(directory))
            {
                throw new Core.RagexException($"{parse.GetValue(path)}: no such directory");
            }

            var file = Path.Combine(directory, IgnoreFileNames.Ragex);
            try
            {
                using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(Template);
            }
            catch (IOException) when (File.Exists(file))
            {
                context.Error.WriteLine($"ragex: {file} already exists; left unchanged");
                return Task.FromResult(ExitCodes.NotFound);
            }

            context.Out.WriteLine($"wrote {file}");
            return Task.FromResult(ExitCodes.Found);
        }));
        return command;
    }
}

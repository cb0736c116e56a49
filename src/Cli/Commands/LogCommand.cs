using System.CommandLine;

namespace Ragex.Cli.Commands;

/// <summary>`ragex log [-f] [-n N]`: the end of the daemon's newest log file, optionally followed.</summary>
public static class LogCommand
{
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(250);

    public static Command Build(CliContext context)
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing lines as they are written" };
        var lines = new Option<int>("--lines", "-n") { Description = "Lines from the end to show", DefaultValueFactory = _ => 50 };
        var command = new Command("log", "Show the daemon's log") { follow, lines };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            var count = parse.GetValue(lines);
            if (count < 0)
            {
                throw new Core.RagexException("--lines takes a number of 0 or more");
            }

            var path = NewestLog(context) ?? throw new Core.RagexException($"no daemon log in {LogDirectory(context)} yet");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = new List<string>();
            while (await reader.ReadLineAsync(token) is { } line)
            {
                all.Add(line);
            }

            all.Skip(Math.Max(0, all.Count - count)).ToList().ForEach(context.Out.WriteLine);
            while (parse.GetValue(follow) && !token.IsCancellationRequested)
            {
                if (await reader.ReadLineAsync(token) is { } line)
                {
                    context.Out.WriteLine(line);
                    continue;
                }

                await context.Out.FlushAsync(token);
                await Task.Delay(FollowInterval, token);
            }

            return ExitCodes.Found;
        }));
        return command;
    }

    private static string LogDirectory(CliContext context) => Path.Combine(context.Home.Directory, "logs");

    /// <summary>Daily files are named daemon-YYYYMMDD.log, so the newest sorts last.</summary>
    private static string? NewestLog(CliContext context) =>
        Directory.Exists(LogDirectory(context))
            ? Directory.GetFiles(LogDirectory(context), "daemon-*.log").Where(f => !f.EndsWith("daemon-start.log", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
}

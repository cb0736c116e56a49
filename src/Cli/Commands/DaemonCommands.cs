using System.CommandLine;
using System.Diagnostics;
using Ragex.Cli.Daemon;
using Ragex.Remoting;

namespace Ragex.Cli.Commands;

/// <summary>`ragex daemon` (foreground), `ragex start` and `ragex stop`: managing the resident daemon by hand, rarely needed.</summary>
public static class DaemonCommands
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    public static Command Foreground(CliContext context)
    {
        var command = new Command(
            "daemon",
            "Run the daemon in the foreground (logs to $RAGEX_HOME/logs); --cluster [--seed HOST:PORT] [--role indexer|embedder] "
            + "[--host H] [--port N] joins an Akka.Cluster instead (docs/cluster.md)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            var daemonCommand = DaemonLauncher.DaemonCommand();
            var startInfo = new ProcessStartInfo(daemonCommand[0]) { UseShellExecute = false };

            // ragexd checks its own flags, so `ragex daemon` and ragexd report bad input the same way.
            foreach (var part in daemonCommand.Skip(1).Concat(parse.UnmatchedTokens))
            {
                startInfo.ArgumentList.Add(part);
            }

            startInfo.Environment[Core.Configuration.RagexHome.EnvironmentVariable] = context.Home.Directory;
            using var daemon = Process.Start(startInfo) ?? throw new Core.RagexException("could not start the daemon");
            await daemon.WaitForExitAsync(CancellationToken.None);
            return daemon.ExitCode;
        }));
        return command;
    }

    public static Command Start(CliContext context)
    {
        var command = new Command("start", "Start the daemon in the background unless it is running");
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            if (DaemonLauncher.Running(context.Home) is { } running)
            {
                context.Out.WriteLine($"ragex daemon already running (pid {running.ProcessId}, port {running.Port})");
                return ExitCodes.Found;
            }

            var started = await DaemonLauncher.StartAsync(context.Home, token);
            context.Out.WriteLine($"ragex daemon started (pid {started.ProcessId}, port {started.Port})");
            return ExitCodes.Found;
        }));
        return command;
    }

    /// <summary>SIGTERM, as a service manager would: the daemon finishes its current commit and exits cleanly.</summary>
    public static Command Stop(CliContext context)
    {
        var command = new Command("stop", "Stop the daemon (it finishes the current commit first)");
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            if (DaemonLauncher.Running(context.Home) is not { } running)
            {
                context.Out.WriteLine("ragex daemon not running");
                return ExitCodes.NotFound;
            }

            Signals.Terminate(running.ProcessId);
            var watch = Stopwatch.StartNew();
            while (running.IsAlive())
            {
                if (watch.Elapsed > StopTimeout)
                {
                    throw new Core.RagexException($"the daemon (pid {running.ProcessId}) did not stop within {StopTimeout.TotalSeconds:0} s");
                }

                await Task.Delay(20, token);
            }

            context.Out.WriteLine($"ragex daemon stopped (pid {running.ProcessId})");
            return ExitCodes.Found;
        }));
        return command;
    }
}

using System.CommandLine;

namespace Ragex.Cli;

public static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print more: stack traces with errors, what an index run parsed and where its time went",
        Recursive = true,
    };

    public static readonly Option<bool> NoDaemon = new("--no-daemon")
    {
        Description = "Run in this process instead of the resident daemon (also RAGEX_NO_DAEMON=1)",
        Recursive = true,
    };
}

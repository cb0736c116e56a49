using System.Globalization;
using Ragex.Actors.Cluster;

namespace Ragex.Host;

/// <summary>
/// ragexd's command line: none for the single-machine daemon; <c>--cluster [--seed HOST:PORT]... [--role R]...
/// [--host H] [--port N]</c> to join an Akka.Cluster. Flags override the <c>ragex.cluster</c> keys of ragex.hocon.
/// </summary>
public sealed record DaemonArguments
{
    public bool Cluster { get; init; }

    public IReadOnlyList<string> Seeds { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary>The arguments, or the one line saying what is wrong with them.</summary>
    public static (DaemonArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var parsed = new DaemonArguments();
        var seeds = new List<string>();
        var roles = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--cluster")
            {
                parsed = parsed with { Cluster = true };
                continue;
            }

            if (flag is not ("--seed" or "--role" or "--host" or "--port"))
            {
                return (null, $"unknown argument '{flag}' (expected --cluster, --seed HOST:PORT, --role indexer|embedder, --host H, --port N)");
            }

            if (i + 1 >= args.Count)
            {
                return (null, $"{flag} needs a value");
            }

            var value = args[++i];
            var error = flag switch
            {
                "--seed" => Seed(value, seeds),
                "--role" => Role(value, roles),
                "--host" => value.Length == 0 ? "--host needs a host name or address" : null,
                _ => PortNumber(value) is null ? $"--port '{value}': expected a number from 0 to 65535" : null,
            };
            if (error is not null)
            {
                return (null, error);
            }

            parsed = flag switch
            {
                "--host" => parsed with { Host = value },
                "--port" => parsed with { Port = PortNumber(value) },
                _ => parsed,
            };
        }

        if (!parsed.Cluster && (seeds.Count > 0 || roles.Count > 0 || parsed.Host is not null || parsed.Port is not null))
        {
            return (null, "--seed, --role, --host and --port need --cluster");
        }

        return (parsed with { Seeds = seeds, Roles = roles }, null);
    }

    private static string? Seed(string value, List<string> seeds)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || PortNumber(value[(colon + 1)..]) is not ({ } port and > 0))
        {
            return $"--seed '{value}': expected HOST:PORT, e.g. 127.0.0.1:4053";
        }

        seeds.Add($"{value[..colon]}:{port}");
        return null;
    }

    private static string? Role(string value, List<string> roles)
    {
        if (!ClusterRoles.All.Contains(value))
        {
            return $"--role '{value}': expected {string.Join(" or ", ClusterRoles.All)}";
        }

        roles.Add(value);
        return null;
    }

    private static int? PortNumber(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : null;
}

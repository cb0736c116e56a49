using System.Diagnostics;

namespace Ragex.Core.Search;

/// <summary>ripgrep's file types (<c>rg --type-list</c>), so -t means the same in every mode. Read once, on first use.</summary>
public sealed class RipgrepFileTypes(string executable = "rg")
{
    private readonly Lazy<Dictionary<string, string[]>> types = new(() => Load(executable));

    public IReadOnlyList<string> GlobsFor(string type) =>
        types.Value.TryGetValue(type, out var globs) ? globs : throw new RagexException($"unrecognized file type: {type}");

    /// <summary>Parses lines such as <c>py: *.py, *.pyi</c>.</summary>
    public static Dictionary<string, string[]> Parse(IEnumerable<string> lines)
    {
        var parsed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                parsed[line[..colon].Trim()] = line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        return parsed;
    }

    private static Dictionary<string, string[]> Load(string executable)
    {
        var startInfo = new ProcessStartInfo(executable, "--type-list") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(startInfo) ?? throw new RagexException($"{executable}: could not start");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return Parse(output.Split('\n'));
    }
}

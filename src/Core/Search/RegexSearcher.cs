using System.Diagnostics;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>Regex and literal search by ripgrep (<c>rg --json</c>) run from the project root.</summary>
public sealed class RegexSearcher(string executable = "rg") : ISearcher
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = scope.Project.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in RipgrepArguments.For(scope, request))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Start(startInfo);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var parser = new RipgrepJsonParser(scope.Project.Root, request.ContextLines);
        var matches = 0;
        var stoppedEarly = false;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (parser.Feed(line) && request.Limit is { } limit && ++matches >= limit + 1)
            {
                stoppedEarly = true;
                process.Kill();
                break;
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        if (!stoppedEarly && process.ExitCode == 2 && (parser.Hits.Count == 0 || IsPatternError(await stderr)))
        {
            throw new RagexException(Describe(await stderr, request.Query));
        }

        return parser.Hits;
    }

    private static bool IsPatternError(string stderr) => stderr.Contains("regex parse error", StringComparison.Ordinal)
        || stderr.Contains("error parsing glob", StringComparison.Ordinal)
        || stderr.Contains("unrecognized file type", StringComparison.Ordinal);

    /// <summary>ripgrep's multi-line error as one line: "invalid regex `(foo`: unclosed group".</summary>
    private static string Describe(string stderr, string query)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (stderr.Contains("regex parse error", StringComparison.Ordinal))
        {
            var reason = lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))?["error:".Length..].Trim();
            return $"invalid regex `{query}`: {reason ?? "parse error"}";
        }

        return "rg: " + string.Join(' ', lines.Select(l => l.StartsWith("rg: ", StringComparison.Ordinal) ? l[4..] : l));
    }

    private Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new RagexException($"{executable}: could not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RagexException($"{executable}: not found ({e.Message}); run scripts/setup to install ripgrep", e);
        }
    }
}

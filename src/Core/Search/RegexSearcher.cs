using System.Diagnostics;
using Ragex.Core.Processes;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Regex and literal search by ripgrep (<c>rg --json</c>) run from the project root. rg writes to an
/// <see cref="OutputFile"/> read as it grows (a pipe where no temporary file can be made).
/// </summary>
public sealed class RegexSearcher(string executable = "rg") : ISearcher
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        await StreamAsync(scope, request, hits.Add, cancellationToken);
        return hits;
    }

    /// <summary>
    /// Hands each hit to <paramref name="found"/> as ripgrep finds it (on another thread; one call at a time): files in
    /// ripgrep's order, each file's lines in order. With a limit it stops at the limit + 1 matches (the one past the
    /// limit tells the caller there were more).
    /// </summary>
    public async Task StreamAsync(SearchScope scope, SearchRequest request, Action<SearchHit> found, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = scope.Project.Root,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in RipgrepArguments.For(scope, request))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var output = OutputFile.TryCreate();
        startInfo.RedirectStandardOutput = output is null;
        using var process = Start(output?.Receiving(startInfo) ?? startInfo);
        output?.Attach(process);
        var parser = new RipgrepJsonParser(scope.Project.Root, request.ContextLines, found);
        var stderrRead = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var matches = 0;
        bool stoppedEarly;
        try
        {
            using (cancellationToken.Register(() => KillQuietly(process)))
            {
                // rg's output is read with blocking reads on a thread of its own: an asynchronous read per pipe buffer
                // woke the thread pool tens of thousands of times on a large result, and its spinning workers took CPU
                // from rg on a small machine.
                stoppedEarly = await OutputLines.ReadOnOwnThreadAsync(
                    output?.Stream ?? process.StandardOutput.BaseStream,
                    line => !(parser.Feed(line) && ++matches > request.Limit),
                    output is null ? null : output.MoreMayCome);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (stoppedEarly)
            {
                KillQuietly(process);
            }

            parser.Complete();
        }
        catch
        {
            // Cancelled, or a hit that could not be handed over (the output it was printed to closed): rg, which no
            // full pipe stops, must not go on writing.
            KillQuietly(process);
            throw;
        }

        var stderr = await stderrRead;

        // Its output and its stderr are at their end, so rg is exiting: a blocking wait is short, where an
        // asynchronous one would register a wait handle with the thread pool first.
        process.WaitForExit();
        if (!stoppedEarly && process.ExitCode == OutputFile.NotFoundExitCode && output is not null && matches == 0)
        {
            throw NotFound();
        }

        if (!stoppedEarly && process.ExitCode == 2 && (matches == 0 || IsPatternError(stderr)))
        {
            throw new RagexException(Describe(stderr, request.Query));
        }
    }

    private RagexException NotFound(string? reason = null, Exception? cause = null) =>
        new($"{executable}: not found{(reason is null ? "" : $" ({reason})")}; run scripts/setup to install ripgrep", cause);

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited already.
        }
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
            throw NotFound(e.Message, e);
        }
    }
}

using System.Diagnostics;
using Ragex.Core.Processes;

namespace Ragex.Core.Symbols;

/// <summary>
/// Runs universal-ctags over many files per process (the file list goes on stdin) and groups the tags by file.
/// Paths are relative to <c>root</c>, which is ctags' working directory. A cancelled or failed extraction kills its
/// process: a cancelled run leaves no ctags behind.
/// </summary>
public sealed class CtagsRunner(string executable = "ctags")
{
    /// <summary>
    /// <c>--extras=-f</c> drops the pseudo-tags naming each input file. (Not <c>-F</c>: that drops file-scoped
    /// definitions, which include every <c>static</c> function in C.) <c>--fields=-P</c> drops each tag's pattern:
    /// ctags reads the tag's line from the file again to print it, which took half of its time on the kernel's
    /// drivers; the parser has the line already (<see cref="Chunking.DefinitionLines"/>). <c>-f</c> and <c>-t</c>
    /// drop two fields nothing reads (file scope, type reference).
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
        ["--output-format=json", "--fields=+nKSel-Pft", "--extras=-f", "--sort=no", "-f", "-", "-L", "-"];

    public async Task<Dictionary<string, List<Storage.SymbolRecord>>> ExtractAsync(
        string root, IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = StartProcess(startInfo);

        // A read of the pipe does not always notice cancellation; a killed ctags ends it.
        await using var killOnCancel = cancellationToken.Register(() => Kill(process));
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var feed = FeedPathsAsync(process, relativePaths, cancellationToken);
            var byFile = relativePaths.ToDictionary(p => p, _ => new List<Storage.SymbolRecord>(), StringComparer.Ordinal);
            var parser = new CtagsJsonParser();
            await OutputLines.ReadOnOwnThreadAsync(process.StandardOutput.BaseStream, line =>
            {
                if (parser.Parse(line) is { } tag && byFile.TryGetValue(tag.Path, out var symbols))
                {
                    symbols.Add(tag.Symbol);
                }

                return true;
            });

            await feed;
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new CtagsException($"ctags exited with code {process.ExitCode}: {(await stderr).Trim()}");
            }

            return byFile;
        }
        catch (IOException e) when (cancellationToken.IsCancellationRequested)
        {
            // The paths still being fed met the killed process's closed pipe.
            throw new OperationCanceledException("ctags was cancelled", e, cancellationToken);
        }
        finally
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    private static async Task FeedPathsAsync(Process process, IReadOnlyList<string> relativePaths, CancellationToken cancellationToken)
    {
        foreach (var path in relativePaths)
        {
            await process.StandardInput.WriteLineAsync(path.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
    }

    private Process StartProcess(ProcessStartInfo startInfo)
    {
        try
        {
            return Process.Start(startInfo) ?? throw new CtagsException($"{executable}: could not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RagexException($"{executable}: not found ({e.Message}); run scripts/setup to install universal-ctags", e);
        }
    }
}

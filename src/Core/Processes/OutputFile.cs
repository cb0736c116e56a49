using System.Diagnostics;

namespace Ragex.Core.Processes;

/// <summary>
/// A temporary file, in memory-backed storage where there is some, that a child process writes its standard output
/// to while this process reads it as it grows. On a small machine a pipe costs a process that prints much (ripgrep's
/// 70,000 hits on the Linux kernel) about an eighth of its time: each full pipe buffer stops its writer until the
/// reader is scheduled. A file never stops the writer. The file is deleted when this is disposed.
/// </summary>
public sealed class OutputFile : IDisposable
{
    /// <summary>How long the reader waits at the end of the file for the writer to add to it or to exit.</summary>
    private const int PollMilliseconds = 5;

    /// <summary>The shell's exit code when the program it was to run cannot be found.</summary>
    public const int NotFoundExitCode = 127;

    private static readonly Lazy<string> Scratch = new(ScratchDirectory);
    private readonly FileStream stream;
    private bool writerExited;

    private OutputFile(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
    }

    public string Path { get; }

    public Stream Stream => stream;

    /// <summary>A new empty file for one process's output, or null when no temporary directory takes one.</summary>
    public static OutputFile? TryCreate()
    {
        var path = System.IO.Path.Combine(Scratch.Value, $"ragex-{Environment.ProcessId}-{Guid.NewGuid():N}.out");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = FileOptions.DeleteOnClose,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new OutputFile(path, new FileStream(path, options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// <paramref name="startInfo"/>'s program run by <c>/bin/sh</c> with its standard output sent to this file
    /// (<c>exec</c>: the process started is the program itself, so killing it kills the program). A program that
    /// cannot be found exits with <see cref="NotFoundExitCode"/>.
    /// </summary>
    public ProcessStartInfo Receiving(ProcessStartInfo startInfo)
    {
        var shell = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = startInfo.WorkingDirectory,
            RedirectStandardError = startInfo.RedirectStandardError,
            UseShellExecute = false,
        };
        shell.ArgumentList.Add("-c");
        shell.ArgumentList.Add("exec \"$@\" >\"$0\"");
        shell.ArgumentList.Add(Path);
        shell.ArgumentList.Add(OnPath(startInfo.FileName));
        foreach (var argument in startInfo.ArgumentList)
        {
            shell.ArgumentList.Add(argument);
        }

        return shell;
    }

    /// <summary>
    /// For <see cref="OutputLines.Read"/> at the end of the file: whether to read again. It waits a moment for
    /// <paramref name="writer"/> to write more or exit; once it has exited, one more read takes what it wrote last.
    /// </summary>
    public bool MoreMayCome(Process writer)
    {
        if (writerExited)
        {
            return false;
        }

        writerExited = writer.WaitForExit(PollMilliseconds);
        return true;
    }

    public void Dispose() => stream.Dispose();

    /// <summary>The program as found on PATH, so that the shell starts it without searching (a few milliseconds).</summary>
    private static string OnPath(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
        return found ?? program;
    }

    /// <summary>
    /// /dev/shm (memory) when it is a directory, else the temporary directory; once per process, the files of processes
    /// that died without deleting theirs (killed) are deleted (where /proc tells which processes live).
    /// </summary>
    private static string ScratchDirectory()
    {
        var directory = !OperatingSystem.IsWindows() && Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        RemoveLeftovers(directory);
        return directory;
    }

    /// <summary>Deletes the output files in <paramref name="directory"/> whose process no longer runs.</summary>
    internal static void RemoveLeftovers(string directory)
    {
        foreach (var left in Directory.Exists("/proc/self") ? Directory.EnumerateFiles(directory, "ragex-*.out") : [])
        {
            var owner = System.IO.Path.GetFileName(left).Split('-')[1];
            if (int.TryParse(owner, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                DeleteQuietly(left);
            }
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's, or gone already.
        }
    }
}

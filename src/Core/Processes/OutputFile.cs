using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Ragex.Core.Processes;

/// <summary>
/// A temporary file, in memory-backed storage where there is some, that a child process writes its standard output
/// to while this process reads it as it grows. On a small machine a pipe costs a process that prints much (ripgrep's
/// 70,000 hits on the Linux kernel) about an eighth of its time: each full pipe buffer stops its writer until the
/// reader is scheduled. A file never stops the writer, so what it holds is bounded here instead: what has been read is
/// freed from the file as reading goes on, and a writer more than <see cref="DefaultMaxBacklog"/> bytes ahead of the
/// reader (a regex that matches every line, printed to a pager) is paused until the reader catches up. The file is
/// deleted when this is disposed.
/// </summary>
public sealed partial class OutputFile : IDisposable
{
    /// <summary>How long the reader waits at the end of the file for the writer to add to it or to exit.</summary>
    private const int PollMilliseconds = 5;

    /// <summary>The shell's exit code when the program it was to run cannot be found.</summary>
    public const int NotFoundExitCode = 127;

    /// <summary>Unread bytes beyond which the writer is paused; it resumes below a quarter of that.</summary>
    public const long DefaultMaxBacklog = 64L << 20;

    /// <summary>How often the backlog is checked, whatever the reader is doing (it may wait on its own output).</summary>
    private const int CheckEveryMilliseconds = 10;

    private const int StopSignal = 19;
    private const int ContinueSignal = 18;

    private static readonly Lazy<string> Scratch = new(ScratchDirectory);
    private readonly FileStream stream;
    private readonly Reader reader;
    private readonly long maxBacklog;
    private readonly Lock pacing = new();
    private readonly ManualResetEventSlim done = new();
    private Thread? pacer;
    private Process? writer;
    private bool writerExited;
    private bool paused;
    private bool disposed;

    private OutputFile(string path, FileStream stream, long maxBacklog)
    {
        Path = path;
        this.stream = stream;
        this.maxBacklog = maxBacklog;
        reader = new Reader(stream);
    }

    public string Path { get; }

    /// <summary>The file as it is read: reading frees what came before.</summary>
    public Stream Stream => reader;

    /// <summary>The most unread bytes the file held at a check (tests: the backlog stays bounded).</summary>
    internal long LargestBacklog { get; private set; }

    /// <summary>How many times the writer was paused (tests).</summary>
    internal int Pauses { get; private set; }

    /// <summary>A new empty file for one process's output, or null when no temporary directory takes one.</summary>
    public static OutputFile? TryCreate() => TryCreate(DefaultMaxBacklog);

    internal static OutputFile? TryCreate(long maxBacklog)
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

            return new OutputFile(path, new FileStream(path, options), maxBacklog);
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
    /// The process that writes the file (started with <see cref="Receiving"/>): from now on it is paused (SIGSTOP)
    /// while more than the backlog waits unread, and let go on (SIGCONT) below a quarter of it.
    /// </summary>
    public void Attach(Process writingProcess)
    {
        writer = writingProcess;

        // A thread of its own: a timer's callbacks wait for a thread-pool thread, late by seconds when the pool is busy.
        pacer = new Thread(() =>
        {
            while (!done.Wait(CheckEveryMilliseconds) && Pace())
            {
            }
        })
        {
            IsBackground = true,
            Name = "ragex output pacer",
        };
        pacer.Start();
    }

    /// <summary>
    /// For <see cref="OutputLines.Read"/> at the end of the file: whether to read again. It waits a moment for the
    /// writer to write more or exit; once it has exited, one more read takes what it wrote last.
    /// </summary>
    public bool MoreMayCome()
    {
        if (writerExited || writer is null)
        {
            return false;
        }

        Resume();
        writerExited = writer.WaitForExit(PollMilliseconds);
        return true;
    }

    public void Dispose()
    {
        done.Set();
        pacer?.Join();
        done.Dispose();
        Resume();
        lock (pacing)
        {
            disposed = true;
        }

        stream.Dispose();
    }

    /// <summary>One check of the backlog, on the pacer's thread; false once there is nothing left to pace.</summary>
    private bool Pace()
    {
        lock (pacing)
        {
            if (writer is null || writerExited || disposed)
            {
                return false;
            }

            try
            {
                var backlog = RandomAccess.GetLength(stream.SafeFileHandle) - reader.Consumed;
                LargestBacklog = Math.Max(LargestBacklog, backlog);
                if (!paused && backlog > maxBacklog)
                {
                    paused = Signal(writer, StopSignal);
                    Pauses += paused ? 1 : 0;
                }
                else if (paused && backlog < maxBacklog / 4)
                {
                    paused = !Signal(writer, ContinueSignal);
                }

                return !writer.HasExited;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The file or the writer is going away: nothing to pace.
                return false;
            }
        }
    }

    /// <summary>Lets a paused writer go on: the reader is at the end of the file, or done.</summary>
    private void Resume()
    {
        lock (pacing)
        {
            if (paused && writer is not null)
            {
                Signal(writer, ContinueSignal);
                paused = false;
            }
        }
    }

    private static bool Signal(Process process, int signal)
    {
        try
        {
            return OperatingSystem.IsLinux() && !process.HasExited && SendSignal(process.Id, signal) == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

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
                FileCleanup.DeleteQuietly(left);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    private static partial int Fallocate(int fd, int mode, long offset, long length);

    /// <summary>Reads the file and frees what it has read, every <see cref="FreeEvery"/> bytes (a hole punched in it).</summary>
    private sealed class Reader(FileStream file) : Stream
    {
        private const long FreeEvery = 1 << 20;
        private const int KeepSizePunchHole = 0x1 | 0x2;

        private long consumed;
        private long freed;

        /// <summary>Bytes read so far (read by the pacer's thread).</summary>
        public long Consumed => Volatile.Read(ref consumed);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => Consumed;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = file.Read(buffer);
            var position = consumed + read;
            Volatile.Write(ref consumed, position);
            var upTo = position & ~4095L;
            if (OperatingSystem.IsLinux() && upTo - freed >= FreeEvery
                && Fallocate((int)file.SafeFileHandle.DangerousGetHandle(), KeepSizePunchHole, freed, upTo - freed) == 0)
            {
                freed = upTo;
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

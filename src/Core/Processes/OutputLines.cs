namespace Ragex.Core.Processes;

/// <summary>Takes one line of a child process's output as UTF-8, without its newline; false stops the reading.</summary>
public delegate bool OutputLineHandler(ReadOnlySpan<byte> line);

/// <summary>
/// Reads a child process's output line by line as UTF-8 bytes, with blocking reads into one growing buffer: no string
/// per line and no asynchronous read per pipe buffer (ripgrep and ctags print millions of lines on the Linux kernel).
/// Call it from a thread of its own (<see cref="ReadOnOwnThreadAsync"/>): it blocks until the output ends.
/// </summary>
public static class OutputLines
{
    /// <summary>
    /// Feeds every line to <paramref name="handler"/>; true when the handler stopped the reading. At the end of the
    /// output, <paramref name="moreMayCome"/> (a file still being written, <see cref="OutputFile"/>) says whether to
    /// read again.
    /// </summary>
    public static bool Read(Stream output, OutputLineHandler handler, Func<bool>? moreMayCome = null)
    {
        var buffer = new byte[1 << 16];
        var (start, end) = (0, 0);
        while (true)
        {
            if (end == buffer.Length)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    (start, end) = (0, end - start);
                }
                else
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }

            var read = output.Read(buffer.AsSpan(end));
            if (read == 0 && moreMayCome is not null && moreMayCome())
            {
                continue;
            }

            if (read == 0)
            {
                return end > start && !handler(buffer.AsSpan(start, end - start));
            }

            var scanFrom = end;
            end += read;
            while (buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n') is var newline && newline >= 0)
            {
                var lineEnd = scanFrom + newline;
                if (!handler(buffer.AsSpan(start, lineEnd - start)))
                {
                    return true;
                }

                start = scanFrom = lineEnd + 1;
            }

            if (start == end)
            {
                (start, end) = (0, 0);
            }
        }
    }

    /// <summary>
    /// <see cref="Read"/> on a thread of its own: the caller's thread stays free (an actor's thread may be needed by
    /// the task that feeds the same process's input).
    /// </summary>
    public static Task<bool> ReadOnOwnThreadAsync(Stream output, OutputLineHandler handler, Func<bool>? moreMayCome = null) =>
        Task.Factory.StartNew(() => Read(output, handler, moreMayCome), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}

using System.Diagnostics;
using Ragex.Core.Processes;
using Ragex.Core.Tests.Support;

namespace Ragex.Core.Tests.Processes;

public sealed class OutputFileTests
{
    [Fact]
    public void Leftovers_of_processes_that_no_longer_run_are_deleted_and_live_ones_kept()
    {
        using var directory = new TemporaryDirectory();
        var dead = directory.Write($"ragex-{int.MaxValue}-0123.out");
        var live = directory.Write($"ragex-{Environment.ProcessId}-4567.out");
        var other = directory.Write("ragex-notes.txt");

        OutputFile.RemoveLeftovers(directory.Path);

        Assert.Equal((false, true, true), (File.Exists(dead), File.Exists(live), File.Exists(other)));
    }

    [Fact]
    public void A_writer_far_ahead_of_its_reader_is_paused_and_every_line_still_arrives()
    {
        const int lines = 3_000_000;
        const long maxBacklog = 1 << 20;
        using var output = OutputFile.TryCreate(maxBacklog);
        Assert.NotNull(output);
        var writer = new ProcessStartInfo("awk") { UseShellExecute = false };
        writer.ArgumentList.Add($"BEGIN {{ for (i = 0; i < {lines}; i++) print \"line \" i \" of a writer whose reader waits\" }}");
        using var process = Process.Start(output.Receiving(writer))!;
        output.Attach(process);

        // The reader reads nothing (as when it waits on its own output) until the writer has been paused.
        Assert.True(SpinWait.SpinUntil(() => output.Pauses > 0, TimeSpan.FromSeconds(10)), $"the writer was never paused (largest backlog {output.LargestBacklog}, exited {process.HasExited})");
        Thread.Sleep(100);
        var held = new FileInfo(output.Path).Length;
        var read = 0;
        OutputLines.Read(output.Stream, _ => ++read > 0, output.MoreMayCome);

        process.WaitForExit();
        Assert.Equal(lines, read);
        Assert.InRange(held, maxBacklog, 32 * maxBacklog); // unpaused, all of its 130 MB
    }
}

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
}

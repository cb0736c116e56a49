using System.Runtime.InteropServices;

namespace Ragex.Core.Tests;

/// <summary>An idle daemon can give the C heap's freed pages back (glibc keeps them otherwise).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void Freed_native_memory_is_returned_to_the_system()
    {
        // 40 MB in blocks below glibc's mmap threshold, so they come from (and are freed into) its heap.
        var blocks = Enumerable.Range(0, 10_000).Select(_ => Marshal.AllocHGlobal(4096)).ToList();
        foreach (var block in blocks)
        {
            Marshal.WriteByte(block, 1);
        }

        blocks.ForEach(Marshal.FreeHGlobal);

        Assert.True(NativeHeap.Trim());
    }
}

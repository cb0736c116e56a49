namespace Ragex.Actors;

/// <summary>
/// A resident daemon gives back what a burst of work took. After a large index run or a search that loaded a cache
/// (the kernel's 3M symbol names are read as strings before they are packed), the GC keeps the heap at its peak for
/// reuse unless asked; an aggressive collection returns the freed memory to the system.
/// </summary>
internal static class MemoryRelease
{
    /// <summary>Allocated by one piece of work, this much is worth a blocking, compacting collection afterwards.</summary>
    public const long LargeAllocationBytes = 128L << 20;

    public static void Now() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>Runs <paramref name="work"/>, then releases memory when the process allocated a lot meanwhile.</summary>
    public static async Task<T> AfterLargeAllocation<T>(Func<Task<T>> work)
    {
        var before = GC.GetTotalAllocatedBytes();
        try
        {
            return await work();
        }
        finally
        {
            if (GC.GetTotalAllocatedBytes() - before >= LargeAllocationBytes)
            {
                Now();
            }
        }
    }
}

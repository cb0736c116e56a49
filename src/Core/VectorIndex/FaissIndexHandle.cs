using System.Runtime.InteropServices;

namespace Ragex.Core.VectorIndex;

/// <summary>Owns one native index (an <c>rfx_index</c>); frees it exactly once, even if the owner forgets to.</summary>
internal sealed class FaissIndexHandle : SafeHandle
{
    public FaissIndexHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.Free(handle) == 0;
}

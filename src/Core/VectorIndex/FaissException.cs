namespace Ragex.Core.VectorIndex;

/// <summary>A failure reported by the native FAISS shim, carrying its message and rfx_status code.</summary>
public sealed class FaissException : Exception
{
    public FaissException(int errorCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
    }

    /// <summary>
    /// The rfx_status from ragexfaiss.h: 1 invalid argument, 2 FAISS error (including I/O in save/load), 3 not
    /// supported by this index kind, 4 out of memory, 5 other native error, 6 OS I/O error; 0 when the failure
    /// happened on the .NET side of a save.
    /// </summary>
    public int ErrorCode { get; }
}

namespace Ragex.Core.Walk;

/// <summary>Why a path was left out of the index; counted and reported by `ragex index`.</summary>
public enum SkipReason
{
    Ignored,
    Hidden,
    TooLarge,
    Binary,
    Unreadable,
    SymbolExtractionFailed,

    /// <summary>A FIFO, socket or device: ripgrep skips anything that is not a regular file, and reading a FIFO blocks.</summary>
    NotRegularFile,
}

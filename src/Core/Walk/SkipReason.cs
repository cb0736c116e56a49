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
}

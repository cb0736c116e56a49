namespace Ragex.Core.Storage;

/// <summary>A symbol read back from the index together with the file it is in.</summary>
public sealed record StoredSymbol(string Path, SymbolRecord Symbol);

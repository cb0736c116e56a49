namespace Ragex.Core.Symbols;

/// <summary>One definition as universal-ctags reports it; <see cref="Path"/> is as passed to ctags.</summary>
public sealed record CtagsTag(string Path, Storage.SymbolRecord Symbol);

namespace Ragex.Core.Symbols;

/// <summary>ctags failed on a batch of files; the indexer records those files as skipped and goes on.</summary>
public sealed class CtagsException(string message) : Exception(message);

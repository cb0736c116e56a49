namespace Ragex.Core.Storage;

/// <summary>One definition found in a file. Lines are 1-based; <see cref="EndLine"/> is null when ctags gives none.</summary>
public sealed record SymbolRecord(
    string Name,
    string Kind,
    int Line,
    int? EndLine,
    string? Signature,
    string? Scope,
    string? ScopeKind,
    string? Language,
    string Preview);

using Ragex.Core.Chunking;
using Ragex.Core.Storage;

namespace Ragex.Core.Indexing;

/// <summary>
/// One changed file after ctags and chunking (and the static tier: each chunk's static vector, when the index keeps
/// vectors), ready to be written in place of its previous rows. A generated file (<see cref="GeneratedCode"/>) is
/// <see cref="KeywordOnly"/>: its chunks get no vector of either tier.
/// </summary>
public sealed record ParsedFile(
    FileRecord File, IReadOnlyList<SymbolRecord> Symbols, IReadOnlyList<Chunk> Chunks, IReadOnlyList<float[]>? StaticVectors = null, bool KeywordOnly = false)
{
    /// <summary>The words of the file's defined names, computed where the file is parsed rather than in the writer.</summary>
    public string NameWords { get; } = IdentifierWords.OfNames(Symbols.Select(s => s.Name));
}

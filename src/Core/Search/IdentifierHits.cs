using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// The answer to a bare identifier in auto mode: the definitions of exactly that name first (the symbol table is
/// precise where it knows the name), the best one of each file (a name defined many times in one file, such as
/// template specializations or overloads, does not hide the other files that define it), equal ones in the order
/// keyword and semantic search rank their files (the file that says most about the name first); then the chunks that
/// keyword and semantic search rank for it (uses, and definitions ctags missed), skipping chunks that repeat a
/// definition; then the other definitions; then the looser symbol matches (other kinds, prefixes, near misses).
/// </summary>
public static class IdentifierHits
{
    public static List<SearchHit> Merge(IReadOnlyList<SearchHit> symbols, IReadOnlyList<SearchHit> chunks)
    {
        var definitions = symbols.Where(IsExactDefinition).ToList();
        var fileRank = chunks.Select((c, i) => (File: (c.Root, c.Path), Rank: i)).DistinctBy(f => f.File).ToDictionary(f => f.File, f => f.Rank);
        var leading = definitions.GroupBy(d => (d.Root, d.Path)).Select(g => g.First())
            .OrderByDescending(d => d.Score)
            .ThenBy(d => fileRank.GetValueOrDefault((d.Root, d.Path), int.MaxValue))
            .ToList();
        var more = definitions.Except(leading);
        var rest = symbols.Where(s => !IsExactDefinition(s));
        var newChunks = chunks.Where(c => !definitions.Any(d => Overlaps(d, c)));
        return [.. leading, .. newChunks, .. more, .. rest];
    }

    private static bool IsExactDefinition(SearchHit symbol) =>
        symbol.Score >= SymbolMatcher.ExactIgnoringCase && SymbolSearcher.DefinitionKinds.Contains(symbol.Kind);

    private static bool Overlaps(SearchHit a, SearchHit b) =>
        a.Root == b.Root && a.Path == b.Path && a.Line <= b.EndLine && b.Line <= a.EndLine;
}

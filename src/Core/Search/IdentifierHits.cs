using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// The answer to a bare identifier in auto mode, shaped as ripgrep's output with ranking on top: the definitions of
/// exactly that name first (the symbol table is precise where it knows the name), the best one of each file (a name
/// defined many times in one file, such as overloads, does not hide the other files that define it), equal ones in
/// the order keyword and semantic search rank their files; then the lines that use the name (ripgrep, whole words),
/// file by file: the files holding the definitions, then the files keyword and semantic search rank for the name, then
/// source before tests and documentation, a few lines of each file before the rest so that one file cannot fill the
/// answer. The chunks themselves follow only when asked (<see cref="SearchRequest.Related"/>); the looser symbol matches
/// (prefixes, near misses) only when nothing else answers.
/// </summary>
public static class IdentifierHits
{
    public static List<SearchHit> Merge(
        IReadOnlyList<SearchHit> symbols, IReadOnlyList<SearchHit> chunks, IReadOnlyList<SearchHit> usages, bool related, int linesPerFile)
    {
        var definitions = symbols.Where(IsExactDefinition).ToList();
        var chunkFileRank = chunks.Select((c, i) => (File: (c.Root, c.Path), Rank: i)).DistinctBy(f => f.File).ToDictionary(f => f.File, f => f.Rank);
        var leading = definitions.GroupBy(d => (d.Root, d.Path)).Select(g => g.First())
            .OrderByDescending(d => d.Score)
            .ThenBy(d => chunkFileRank.GetValueOrDefault((d.Root, d.Path), int.MaxValue))
            .ToList();
        var more = definitions.Except(leading).ToList();
        var lines = UsageLines(usages, leading, more);
        var fileOrder = FileOrder(lines, leading, chunkFileRank);
        var ranked = Diversify(lines.OrderBy(l => fileOrder[(l.Root, l.Path)]).ToList(), linesPerFile);
        var unplaced = more.Where(d => !ranked.Contains(d));
        var relatedChunks = related ? chunks.Where(c => !definitions.Any(d => Overlaps(d, c))) : [];
        var looser = leading.Count == 0 && ranked.Count == 0 ? symbols.Where(s => !IsExactDefinition(s)) : [];
        return [.. leading, .. ranked, .. unplaced, .. relatedChunks, .. looser];
    }

    /// <summary>The lines using the name, without the leading definitions' own lines; a line that defines it again is that definition's hit.</summary>
    private static List<SearchHit> UsageLines(IReadOnlyList<SearchHit> usages, List<SearchHit> leading, List<SearchHit> more)
    {
        var leadingLines = leading.Select(d => (d.Root, d.Path, d.Line)).ToHashSet();
        var definitionAt = more.DistinctBy(d => (d.Root, d.Path, d.Line)).ToDictionary(d => (d.Root, d.Path, d.Line));
        return [.. usages.Where(u => !leadingLines.Contains((u.Root, u.Path, u.Line)))
            .Select(u => definitionAt.GetValueOrDefault((u.Root, u.Path, u.Line), u))];
    }

    /// <summary>Each file's place: definitions' files, then chunk-ranked files, then source before other roles, busier files first.</summary>
    private static Dictionary<(string Root, string Path), int> FileOrder(
        List<SearchHit> lines, List<SearchHit> leading, Dictionary<(string Root, string Path), int> chunkFileRank)
    {
        var definitionRank = leading.Select((d, i) => (File: (d.Root, d.Path), Rank: i)).DistinctBy(f => f.File).ToDictionary(f => f.File, f => f.Rank);
        return lines.GroupBy(l => (l.Root, l.Path))
            .OrderBy(f => definitionRank.GetValueOrDefault(f.Key, int.MaxValue))
            .ThenBy(f => chunkFileRank.GetValueOrDefault(f.Key, int.MaxValue))
            .ThenBy(f => FileRoles.Of(f.Key.Path) == FileRole.Source ? 0 : 1)
            .ThenByDescending(f => f.Count())
            .ThenBy(f => f.Key.Root, StringComparer.Ordinal)
            .ThenBy(f => f.Key.Path, StringComparer.Ordinal)
            .Select((f, i) => (f.Key, Rank: i))
            .ToDictionary(f => f.Key, f => f.Rank);
    }

    /// <summary>The first <paramref name="perFile"/> lines of every file in file order, then the rest in the same order.</summary>
    private static List<SearchHit> Diversify(List<SearchHit> lines, int perFile)
    {
        var seen = new Dictionary<(string, string), int>();
        var head = new List<SearchHit>();
        var tail = new List<SearchHit>();
        foreach (var line in lines)
        {
            var file = (line.Root, line.Path);
            seen[file] = seen.GetValueOrDefault(file) + 1;
            (seen[file] <= perFile ? head : tail).Add(line);
        }

        return [.. head, .. tail];
    }

    private static bool IsExactDefinition(SearchHit symbol) =>
        symbol.Score >= SymbolMatcher.ExactIgnoringCase && SymbolSearcher.DefinitionKinds.Contains(symbol.Kind);

    private static bool Overlaps(SearchHit a, SearchHit b) =>
        a.Root == b.Root && a.Path == b.Path && a.Line <= b.EndLine && b.SectionStart <= a.EndLine;
}

using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Storage;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Reading;

/// <summary>
/// Answers a <see cref="ReadCode"/>: finds the definition's span in the index (the innermost symbol around a line, else
/// the chunk around it; or the best definition of a name) and reads those lines from the file as it is now.
/// </summary>
public sealed class DefinitionReader(ProjectRegistry registry)
{
    private const int OtherDefinitionsNamed = 5;

    public CodeSpan Read(ReadCode request)
    {
        if (request.Line is null && string.IsNullOrWhiteSpace(request.Symbol))
        {
            throw new RagexException("reading code needs a line of the file or a symbol name");
        }

        if (request.Line is < 1)
        {
            throw new RagexException($"line {request.Line} is not a line number (lines start at 1)");
        }

        return string.IsNullOrWhiteSpace(request.Path) ? ReadNamed(request.Symbol!.Trim(), request.CurrentDirectory) : ReadInFile(request);
    }

    private CodeSpan ReadInFile(ReadCode request)
    {
        var full = Path.GetFullPath(request.Path!, request.CurrentDirectory);
        if (!File.Exists(full))
        {
            throw new RagexException($"{request.Path}: no such file");
        }

        var real = RealPath.Resolve(full);
        var project = registry.FindContaining(real)
            ?? throw new RagexException($"{request.Path}: not inside an indexed project; run `ragex index` on its project first") { NotIndexedPath = real };
        var path = project.Relative(real);
        using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
        if (!database.Files.Contains(path))
        {
            throw new RagexException($"{request.Path}: not in the index (ignored, binary, too large, or not indexed yet)");
        }

        if (!string.IsNullOrWhiteSpace(request.Symbol))
        {
            var named = Named(database.Symbols.InFile(path), request.Symbol.Trim());
            var chosen = named.OrderBy(s => Math.Abs(s.Symbol.Line - (request.Line ?? s.Symbol.Line))).FirstOrDefault()
                ?? throw new RagexException($"{request.Path}: defines no symbol named {request.Symbol.Trim()}");
            return Span(project, database, chosen);
        }

        var line = request.Line!.Value;
        var symbol = Innermost(database.Symbols.InFile(path), line);
        if (symbol is not null)
        {
            return Lines(project, path, symbol.Symbol.Line, symbol.Symbol.EndLine!.Value, symbol.Symbol.Kind, symbol.Symbol.Name);
        }

        var chunk = InnermostChunk(database.Chunks.SpansInFile(path), line)
            ?? throw new RagexException($"{request.Path}: line {line} is in no indexed definition or chunk");
        return Lines(project, path, chunk.StartLine, chunk.EndLine, chunk.Kind, chunk.Symbol);
    }

    /// <summary>The best-ranked definition of a name in the project around the current directory, else in every project.</summary>
    private CodeSpan ReadNamed(string query, string currentDirectory)
    {
        var (queryScope, name) = SymbolSearcher.SplitQualified(query);
        var around = registry.FindContaining(currentDirectory);
        IReadOnlyList<Project> projects = around is null ? registry.List() : [around];
        var candidates = new List<(Project Project, StoredSymbol Symbol, double Score)>();
        foreach (var project in projects)
        {
            using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
            candidates.AddRange(Named(database.Symbols.Find(name, prefix: false), name)
                .Select(s => (project, s, SymbolSearcher.Rank(name, queryScope, s.Symbol, s.Path))));
        }

        var ranked = candidates
            .OrderByDescending(c => c.Score).ThenBy(c => c.Project.Root, StringComparer.Ordinal).ThenBy(c => c.Symbol.Path, StringComparer.Ordinal).ThenBy(c => c.Symbol.Symbol.Line)
            .ToList();
        if (ranked.Count == 0)
        {
            throw new RagexException($"no definition named {query} in the indexed projects (a symbol search also finds near-miss names)");
        }

        var best = ranked[0];
        using var bestDatabase = IndexDatabase.Open(best.Project.DatabasePath, readOnly: true);
        return Span(best.Project, bestDatabase, best.Symbol) with { Notes = OtherDefinitions(ranked.Skip(1).Select(c => c.Symbol).ToList()) };
    }

    /// <summary>Exact-case matches when there are any, else the case-insensitive ones.</summary>
    private static List<StoredSymbol> Named(IEnumerable<StoredSymbol> symbols, string name)
    {
        var sameName = symbols.Where(s => s.Symbol.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        var exact = sameName.Where(s => s.Symbol.Name == name).ToList();
        return exact.Count > 0 ? exact : sameName;
    }

    /// <summary>A symbol's own span; one without an end line (ctags gave none) reads the chunk around its line.</summary>
    private static CodeSpan Span(Project project, IndexDatabase database, StoredSymbol stored)
    {
        var symbol = stored.Symbol;
        if (symbol.EndLine is { } end && end >= symbol.Line)
        {
            return Lines(project, stored.Path, symbol.Line, end, symbol.Kind, symbol.Name);
        }

        var chunk = InnermostChunk(database.Chunks.SpansInFile(stored.Path), symbol.Line);
        return Lines(project, stored.Path, chunk?.StartLine ?? symbol.Line, chunk?.EndLine ?? symbol.Line, symbol.Kind, symbol.Name);
    }

    /// <summary>The symbol with the smallest span around the line; the later start wins a tie (the nested one).</summary>
    public static StoredSymbol? Innermost(IEnumerable<StoredSymbol> symbols, int line) =>
        symbols
            .Where(s => s.Symbol.EndLine is { } end && s.Symbol.Line <= line && line <= end)
            .OrderBy(s => s.Symbol.EndLine!.Value - s.Symbol.Line)
            .ThenByDescending(s => s.Symbol.Line)
            .FirstOrDefault();

    private static StoredChunk? InnermostChunk(IEnumerable<StoredChunk> chunks, int line) =>
        chunks.Where(c => c.StartLine <= line && line <= c.EndLine).OrderBy(c => c.EndLine - c.StartLine).FirstOrDefault();

    private static List<string> OtherDefinitions(List<StoredSymbol> others)
    {
        var notes = others.Take(OtherDefinitionsNamed).Select(o => $"also defined at {o.Path}:{o.Symbol.Line} ({o.Symbol.Kind})").ToList();
        if (others.Count > OtherDefinitionsNamed)
        {
            notes.Add($"and {others.Count - OtherDefinitionsNamed} more definitions of that name (a symbol search lists them)");
        }

        return notes;
    }

    /// <summary>The span's lines from the file on disk; a file that has shrunk since it was indexed ends the span early.</summary>
    private static CodeSpan Lines(Project project, string path, int startLine, int endLine, string kind, string? symbol)
    {
        var lines = File.ReadLines(Path.Combine(project.Root, path)).Skip(startLine - 1).Take(endLine - startLine + 1).ToList();
        return new CodeSpan(project.Root, path, startLine, startLine + Math.Max(lines.Count, 1) - 1, kind, symbol, lines);
    }
}

using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Finds definitions in the symbol table: exact, case-insensitive and prefix matches from SQLite, then fuzzy matches
/// (subsequence, edit distance) from the project's cached <see cref="SymbolNameIndex"/> when those are too few. A
/// qualified query such as <c>Class.method</c> or <c>ns::fn</c> also ranks by scope.
/// </summary>
public sealed class SymbolSearcher(RipgrepFileTypes fileTypes, RankingOptions ranking, SymbolNameCache? nameCache = null) : ISearcher
{
    private readonly SymbolNameCache names = nameCache ?? new SymbolNameCache();

    private static readonly string[] ScopeSeparators = ["::", "->", ".", "#"];

    /// <summary>Leading marks some languages put on names ($ZodType, @name), matched as the bare name.</summary>
    private static readonly string[] Sigils = ["$", "@"];
    public static readonly IReadOnlySet<string> DefinitionKinds = new HashSet<string>
        { "class", "function", "method", "struct", "interface", "enum", "module", "namespace", "trait", "type", "typedef", "macro", "object", "record", "protocol", "impl", "constructor" };

    public Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        var (queryScope, name) = SplitQualified(request.Query.Trim());
        if (name.Length == 0)
        {
            throw new RagexException("symbol search needs a name");
        }

        var limit = request.Limit ?? ranking.SymbolLimit;
        var filter = new PathFilter(request, fileTypes);
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        var candidates = Keep([.. database.Symbols.Find(name, prefix: true), .. database.Symbols.FindIgnoringCase([.. Sigils.Select(sigil => sigil + name)])], scope, request, filter);
        if (candidates.Count < limit)
        {
            candidates.AddRange(Keep(FuzzySymbols(database, scope.Project.DatabasePath, name, limit), scope, request, filter));
        }

        IReadOnlyList<SearchHit> hits = candidates
            .Select(s => ToHit(scope, s, Rank(name, queryScope, s.Symbol, s.Path)))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Path, StringComparer.Ordinal)
            .ThenBy(h => h.Line)
            .Take(limit)
            .ToList();
        return Task.FromResult(hits);
    }

    public static (string? Scope, string Name) SplitQualified(string query)
    {
        foreach (var separator in ScopeSeparators)
        {
            var at = query.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && at + separator.Length < query.Length)
            {
                return (query[..at], query[(at + separator.Length)..]);
            }
        }

        return (null, query);
    }

    /// <summary>
    /// Name match first; a definition kind, a matching scope, a source file (not a test, example, document or
    /// generated file) and a file named after the symbol break ties between equal names.
    /// </summary>
    public static double Rank(string name, string? queryScope, SymbolRecord symbol, string? path = null)
    {
        var score = SymbolMatcher.Score(name, symbol.Name);
        if (DefinitionKinds.Contains(symbol.Kind))
        {
            score += 0.02;
        }

        if (symbol.Scope is null)
        {
            score += 0.01;
        }

        if (path is not null && FileRoles.Of(path) != FileRole.Source)
        {
            score -= 0.03;
        }

        // A file named after the symbol holds its main definition (partial classes and extensions live elsewhere).
        if (path is not null && Path.GetFileNameWithoutExtension(path).Equals(symbol.Name, StringComparison.OrdinalIgnoreCase))
        {
            score += 0.03;
        }

        if (queryScope is not null && symbol.Scope is not null
            && (symbol.Scope == queryScope || symbol.Scope.EndsWith("." + queryScope, StringComparison.Ordinal)))
        {
            score += 0.05;
        }

        return Math.Round(score, 4);
    }

    /// <summary>The symbols of the best fuzzy names; a name deleted since the cache was built rebuilds it once.</summary>
    private List<StoredSymbol> FuzzySymbols(IndexDatabase database, string databasePath, string name, int limit)
    {
        for (var attempt = 0; ; attempt++)
        {
            var fuzzy = names.Find(database, databasePath, name, limit).Names.Select(n => n.Name).ToList();
            var symbols = database.Symbols.FindByNames(fuzzy);
            if (attempt > 0 || symbols.Select(s => s.Symbol.Name).Distinct(StringComparer.Ordinal).Count() == fuzzy.Count)
            {
                return symbols;
            }

            names.Invalidate(databasePath);
        }
    }

    private static List<StoredSymbol> Keep(List<StoredSymbol> symbols, SearchScope scope, SearchRequest request, PathFilter filter) =>
        symbols.Where(s => scope.Covers(s.Path)
                && (request.Kinds.Count == 0 || request.Kinds.Contains(s.Symbol.Kind, StringComparer.OrdinalIgnoreCase))
                && (filter.IsEmpty || filter.Matches(s.Path)))
            .ToList();

    private static SearchHit ToHit(SearchScope scope, StoredSymbol stored, double score)
    {
        var symbol = stored.Symbol;
        var column = symbol.Preview.IndexOf(symbol.Name, StringComparison.Ordinal);
        return new SearchHit(
            scope.Project.Root,
            stored.Path,
            symbol.Line,
            column < 0 ? 1 : column + 1,
            symbol.EndLine ?? symbol.Line,
            symbol.Kind,
            symbol.Scope is null ? symbol.Name : $"{symbol.Scope}.{symbol.Name}",
            symbol.Preview,
            score,
            SearchMode.Symbol)
        {
            Spans = column < 0 ? [] : [new MatchSpan(column, symbol.Name.Length)],
        };
    }
}

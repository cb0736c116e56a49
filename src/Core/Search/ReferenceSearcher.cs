using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>
/// Where a symbol is used: its name as a whole word, found by ripgrep, less the lines the symbol table records as its
/// definitions. A qualified query (<c>Class.method</c>) looks for the last part, the name a use spells out.
/// </summary>
public sealed class ReferenceSearcher(ISearcher regex) : ISearcher
{
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken)
    {
        var (_, name) = SymbolSearcher.SplitQualified(request.Query.Trim());
        if (name.Length == 0)
        {
            throw new RagexException("references need a symbol name");
        }

        var definitions = DefinitionLines(scope, name);
        // Definitions are dropped after ripgrep stops, so it is asked for as many more hits as there can be definitions.
        var words = request with { Query = name, FixedStrings = true, WordRegexp = true, Limit = request.Limit + definitions.Count };
        var hits = await regex.SearchAsync(scope, words, cancellationToken);
        return [.. hits
            .Where(hit => !definitions.Contains((hit.Path, hit.Line)))
            .Select(hit => hit with { Kind = "reference", Symbol = name, Mode = SearchMode.References })];
    }

    private static HashSet<(string Path, int Line)> DefinitionLines(SearchScope scope, string name)
    {
        using var database = IndexDatabase.Open(scope.Project.DatabasePath, readOnly: true);
        return [.. database.Symbols.FindByNames([name]).Select(s => (s.Path, s.Symbol.Line))];
    }
}

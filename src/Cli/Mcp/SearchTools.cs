using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Ragex.Core;
using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>search_code and find_symbol: one <see cref="SearchRequest"/> each, scoped to registered projects.</summary>
[McpServerToolType]
public sealed class SearchTools(McpBackend backends, CliContext context)
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 200;
    private const int MaxContextLines = 10;

    [McpServerTool(Name = "search_code", Title = "Search code", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        Search the source code of projects indexed by ragex on this machine; faster and more precise than grep for
        finding where things are. Modes: "auto" (default; a bare identifier searches symbol definitions, a query with
        regex metacharacters runs as a regex, natural language runs hybrid), "regex" (ripgrep regular expression over
        file text, one hit per matching line), "symbol" (definitions by name, typo-tolerant), "semantic" (a natural
        language question such as "where are retries scheduled", answered by embedding similarity), "keyword" (BM25
        over code words) and "hybrid" (semantic and keyword fused). Returns JSON: the mode used and why, hits in rank
        order (file as an absolute path, start_line and end_line 1-based, kind, symbol, preview, score, mode), whether
        the list was truncated, and notes (e.g. that the index is still being built). Only indexed projects can be
        searched: see list_projects, and call index_project for a workspace that is not indexed yet.
        """)]
    public Task<CallToolResult> SearchCodeAsync(
        [Description("What to find: a regex, an identifier or a natural-language question, depending on mode")] string query,
        [Description("Search mode; auto picks one from the query's shape")] SearchMode mode = SearchMode.Auto,
        [Description("Limit the search to this file or directory (absolute, or relative to the server's working directory); it must lie inside an indexed project. Omit to search every indexed project.")] string? path = null,
        [Description("Maximum number of hits (1-200)")] int limit = DefaultLimit,
        [Description("File globs to include, or to exclude with a leading '!', e.g. [\"*.cs\", \"!**/tests/**\"]")] string[]? globs = null,
        [Description("Lines of context to return before and after each hit (0-10)")] int contextLines = 0,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, () => SearchAsync(
            new SearchRequest(query, mode)
            {
                Globs = globs ?? [],
                ContextLines = Math.Clamp(contextLines, 0, MaxContextLines),
                Limit = Math.Clamp(limit, 1, MaxLimit),
            },
            path,
            cancellationToken));

    [McpServerTool(Name = "find_symbol", Title = "Find a symbol's definition", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        Find where a function, method, class, type, variable or constant is defined in the indexed projects, by name
        (exact matches first, then case-insensitive, prefix and near-miss spellings; a qualified name such as
        "Parser.parse" ranks matching scopes first). Returns JSON hits with the absolute file path, start_line and
        end_line of the definition, kind and a preview line. Prefer this over search_code when you know the name.
        """)]
    public Task<CallToolResult> FindSymbolAsync(
        [Description("The symbol's name, optionally qualified (e.g. \"parse_response\", \"RetryPolicy.backoff\")")] string name,
        [Description("Keep only this kind of symbol, e.g. \"function\", \"method\", \"class\", \"struct\", \"interface\", \"variable\"")] string? kind = null,
        [Description("Limit the search to this file or directory inside an indexed project; omit to search every indexed project")] string? path = null,
        [Description("Maximum number of hits (1-200)")] int limit = DefaultLimit,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, () => SearchAsync(
            new SearchRequest(name, SearchMode.Symbol) { Kinds = kind is null ? [] : [kind], Limit = Math.Clamp(limit, 1, MaxLimit) },
            path,
            cancellationToken));

    private async Task<CallToolResult> SearchAsync(SearchRequest request, string? path, CancellationToken cancellationToken)
    {
        var scoped = !string.IsNullOrWhiteSpace(path);
        if (scoped)
        {
            request = request with { Paths = [ProjectScope.ResolveExisting(path!, context.CurrentDirectory)] };
        }

        var backend = await backends.GetAsync(cancellationToken);
        try
        {
            var reply = await backend.SearchAsync(request, context.CurrentDirectory, cancellationToken);
            return McpResults.Json(McpSearchResult.From(reply), McpJsonContext.Default.McpSearchResult);
        }
        catch (RagexException e) when (scoped && e.NotIndexedPath is not null)
        {
            throw ProjectScope.OutsideIndexedProjects(path!);
        }
    }
}

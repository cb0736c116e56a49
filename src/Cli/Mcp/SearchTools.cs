using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Ragex.Core;
using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>
/// search_code, find_symbol and find_references: one <see cref="SearchRequest"/> each, scoped to registered projects,
/// answered a page at a time within a token budget.
/// </summary>
[McpServerToolType]
public sealed class SearchTools(McpBackend backends, CliContext context)
{
    /// <summary>
    /// Every page is cut from the same ranking of at most this many hits: the engine is asked for the same window
    /// whatever the page, so a page never depends on how many hits an earlier one showed.
    /// </summary>
    public const int RankingWindow = 200;

    /// <summary>References are short lines in file order; a wider window costs little.</summary>
    public const int ReferenceWindow = 1_000;

    private const int DefaultLimit = 20;
    private const int DefaultReferenceLimit = 50;
    private const int MaxContextLines = 10;

    // Parameters are named as the agent sees them (snake_case, like the fields of the answers: a hit's start_line
    // goes straight into read_code's); the SDK takes a tool's argument names from the C# parameter names.

    private const string Budget = """
        Answers never exceed max_tokens (default 2000), counted with the o200k_base tokenizer (GPT-4o's; an estimate
        for other models). When more hits exist the answer ends with next_cursor: repeat the call with the same
        arguments and cursor set to it for the next page of the same ranking. format "compact" (default) writes a
        header line (mode, project root, which hits) and one line per hit, `path:line: [kind symbol] preview` with paths
        relative to the root; format "json" returns objects (absolute file, start_line, end_line, kind, symbol,
        preview, score, mode) with truncated, notes and next_cursor.
        """;

    [McpServerTool(Name = "search_code", Title = "Search code", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description($"""
        Search the source code of projects indexed by ragex on this machine; faster and more precise than grep for
        finding where things are. Modes: "auto" (default; a bare identifier searches symbol definitions, a query with
        regex metacharacters runs as a regex, natural language runs hybrid), "regex" (ripgrep regular expression over
        file text, one hit per matching line), "symbol" (definitions by name, typo-tolerant), "semantic" (a natural
        language question such as "where are retries scheduled", answered by embedding similarity), "keyword" (BM25
        over code words), "hybrid" (semantic and keyword fused) and "references" (uses of a name; see find_references).
        Hits come in rank order (regex: by file and line); notes say e.g. that the index is still being built. Use
        read_code on a hit's path and line to see its whole definition. Only indexed projects can be searched: see
        list_projects, and call index_project for a workspace that is not indexed yet.
        {Budget}
        """)]
    public Task<CallToolResult> SearchCodeAsync(
        [Description("What to find: a regex, an identifier or a natural-language question, depending on mode")] string query,
        [Description("Search mode; auto picks one from the query's shape")] SearchMode mode = SearchMode.Auto,
        [Description("Limit the search to this file or directory (absolute, or relative to the server's working directory); it must lie inside an indexed project. Omit to search every indexed project.")] string? path = null,
        [Description("Maximum number of hits per page (1-200)")] int limit = DefaultLimit,
        [Description("File globs to include, or to exclude with a leading '!', e.g. [\"*.cs\", \"!**/tests/**\"]")] string[]? globs = null,
        [Description("Lines of context to return before and after each hit (0-10)")] int context_lines = 0,
        [Description("The answer's size limit in tokens (at least 100)")] int max_tokens = TokenBudget.Default,
        [Description("next_cursor from the previous answer, to get the next page; the other arguments must be the same")] string? cursor = null,
        [Description("\"compact\" (one line per hit) or \"json\"")] AnswerFormat format = AnswerFormat.Compact,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, () => PageAsync(
            new Search(
                "search_code",
                new SearchRequest(query, mode) { Globs = globs ?? [], ContextLines = Math.Clamp(context_lines, 0, MaxContextLines) },
                path,
                PageCursor.FingerprintOf("search_code", query, mode.ToString(), path, string.Join('\n', globs ?? []))),
            new Page(limit, max_tokens, cursor, format),
            cancellationToken));

    [McpServerTool(Name = "find_symbol", Title = "Find a symbol's definition", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description($"""
        Find where a function, method, class, type, variable or constant is defined in the indexed projects, by name
        (exact matches first, then case-insensitive, prefix and near-miss spellings; a qualified name such as
        "Parser.parse" ranks matching scopes first). Each hit gives the definition's path, its line range, kind and
        first line. Prefer this over search_code when you know the name; read_code with the symbol (or the path and
        line) returns the definition's code.
        {Budget}
        """)]
    public Task<CallToolResult> FindSymbolAsync(
        [Description("The symbol's name, optionally qualified (e.g. \"parse_response\", \"RetryPolicy.backoff\")")] string name,
        [Description("Keep only this kind of symbol, e.g. \"function\", \"method\", \"class\", \"struct\", \"interface\", \"variable\"")] string? kind = null,
        [Description("Limit the search to this file or directory inside an indexed project; omit to search every indexed project")] string? path = null,
        [Description("Maximum number of hits per page (1-200)")] int limit = DefaultLimit,
        [Description("The answer's size limit in tokens (at least 100)")] int max_tokens = TokenBudget.Default,
        [Description("next_cursor from the previous answer, to get the next page; the other arguments must be the same")] string? cursor = null,
        [Description("\"compact\" (one line per hit) or \"json\"")] AnswerFormat format = AnswerFormat.Compact,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, () => PageAsync(
            new Search(
                "find_symbol",
                new SearchRequest(name, SearchMode.Symbol) { Kinds = kind is null ? [] : [kind] },
                path,
                PageCursor.FingerprintOf("find_symbol", name, kind, path)),
            new Page(limit, max_tokens, cursor, format),
            cancellationToken));

    [McpServerTool(Name = "find_references", Title = "Find where a symbol is used", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description($"""
        Find where a function, method, class, variable or other name is used in the indexed projects: every line that
        contains the name as a whole word (ripgrep, so comments and strings count too), except the lines where the
        symbol index records a definition of that name. Hits come grouped by file, in file and line order (compact:
        the file's path, then `line: text` for each use). For a qualified name ("RetryPolicy.backoff") the last part
        is searched.
        {Budget}
        """)]
    public Task<CallToolResult> FindReferencesAsync(
        [Description("The symbol's name, e.g. \"parse_response\"")] string name,
        [Description("Limit the search to this file or directory inside an indexed project; omit to search every indexed project")] string? path = null,
        [Description("File globs to include, or to exclude with a leading '!', e.g. [\"*.cs\", \"!**/tests/**\"]")] string[]? globs = null,
        [Description("Maximum number of hits per page (1-1000)")] int limit = DefaultReferenceLimit,
        [Description("The answer's size limit in tokens (at least 100)")] int max_tokens = TokenBudget.Default,
        [Description("next_cursor from the previous answer, to get the next page; the other arguments must be the same")] string? cursor = null,
        [Description("\"compact\" (grouped by file) or \"json\"")] AnswerFormat format = AnswerFormat.Compact,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, () => PageAsync(
            new Search(
                $"find_references {name} (definitions excluded)",
                new SearchRequest(name, SearchMode.References) { Globs = globs ?? [] },
                path,
                PageCursor.FingerprintOf("find_references", name, path, string.Join('\n', globs ?? [])),
                ReferenceWindow),
            new Page(limit, max_tokens, cursor, format),
            cancellationToken));

    private async Task<CallToolResult> PageAsync(Search search, Page page, CancellationToken cancellationToken)
    {
        TokenBudget.Check(page.MaxTokens);
        var offset = PageCursor.OffsetIn(page.Cursor, search.Fingerprint);
        var reply = await SearchAsync(search.Request with { Limit = search.Window, StableOrder = true }, search.Path, cancellationToken);
        IHitFormat format = page.Format == AnswerFormat.Json ? new JsonHitFormat() : new CompactHitFormat(byFile: reply.Mode == SearchMode.References);
        var answer = HitPager.Answer(search.Title, reply, offset, Math.Clamp(page.Limit, 1, search.Window), page.MaxTokens, format, search.Fingerprint);
        return McpResults.Text(answer);
    }

    private async Task<SearchReply> SearchAsync(SearchRequest request, string? path, CancellationToken cancellationToken)
    {
        var scoped = !string.IsNullOrWhiteSpace(path);
        if (scoped)
        {
            request = request with { Paths = [ProjectScope.ResolveExisting(path!, context.CurrentDirectory)] };
        }

        var backend = await backends.GetAsync(cancellationToken);
        try
        {
            return await backend.SearchAsync(request, context.CurrentDirectory, cancellationToken);
        }
        catch (RagexException e) when (scoped && e.NotIndexedPath is not null)
        {
            throw ProjectScope.OutsideIndexedProjects(path!);
        }
    }

    /// <summary>What one tool call searches: the request (without its window), the path argument, and the ranking's fingerprint.</summary>
    private sealed record Search(string Title, SearchRequest Request, string? Path, string Fingerprint, int Window = RankingWindow);

    /// <summary>How much of the ranking one answer shows, and how.</summary>
    private sealed record Page(int Limit, int MaxTokens, string? Cursor, AnswerFormat Format);
}

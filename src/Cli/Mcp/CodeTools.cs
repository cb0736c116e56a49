using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Ragex.Core;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Mcp;

/// <summary>read_code: the whole definition around a line, or of a name, from the index's spans.</summary>
[McpServerToolType]
public sealed class CodeTools(McpBackend backends, CliContext context)
{
    [McpServerTool(Name = "read_code", Title = "Read a definition's code", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("""
        Read the code of one whole definition in an indexed project, with line numbers (`12| text`): give a file and a
        line (e.g. a search hit's path and line) to get the innermost function, method, class or other definition
        around that line (or, outside any definition, the indexed chunk around it); or give a symbol name (optionally
        with a file) to get that definition. Saves reading whole files around search hits. The answer never exceeds
        max_tokens (default 2000, counted with the o200k_base tokenizer, GPT-4o's); a longer definition is clipped, and
        the answer's last line says so and gives the start_line to continue from.
        """)]
    public Task<CallToolResult> ReadCodeAsync(
        [Description("The file (absolute, or relative to the server's working directory) inside an indexed project; optional with symbol")] string? file = null,
        [Description("A line of the file (1-based): the definition around it is returned")] int? line = null,
        [Description("A symbol's name instead of a line, optionally qualified (\"RetryPolicy.backoff\"); with file, only that file's definitions")] string? symbol = null,
        [Description("Continue a clipped answer: the first line to show (the definition stays the same)")] int? start_line = null,
        [Description("The answer's size limit in tokens (at least 100)")] int max_tokens = TokenBudget.Default,
        CancellationToken cancellationToken = default) =>
        McpResults.RunAsync(context.Error, async () =>
        {
            TokenBudget.Check(max_tokens);
            if (string.IsNullOrWhiteSpace(file) && string.IsNullOrWhiteSpace(symbol))
            {
                throw new RagexException("read_code needs a file and line, or a symbol name");
            }

            if (!string.IsNullOrWhiteSpace(file) && line is null && string.IsNullOrWhiteSpace(symbol))
            {
                throw new RagexException("read_code needs the line of the file to read around (or a symbol name)");
            }

            var path = string.IsNullOrWhiteSpace(file) ? null : ProjectScope.ResolveExisting(file, context.CurrentDirectory);
            var backend = await backends.GetAsync(cancellationToken);
            try
            {
                var span = await backend.ReadCodeAsync(new ReadCode(path, line, symbol, context.CurrentDirectory), cancellationToken);
                return McpResults.Text(CodeAnswer.Render(span, start_line, max_tokens));
            }
            catch (RagexException e) when (path is not null && e.NotIndexedPath is not null)
            {
                throw ProjectScope.OutsideIndexedProjects(file!);
            }
        });
}

using System.CommandLine;
using Ragex.Cli.Backends;
using Ragex.Cli.Output;
using Ragex.Core.Projects;
using Ragex.Protocol;

namespace Ragex.Cli.Commands;

/// <summary>`ragex search QUERY [PATH...]`: one search in any mode, printed by one formatter.</summary>
public static class SearchCommand
{
    private static readonly Argument<string> Query = new("QUERY") { Description = "A regex, a symbol name or a question" };
    private static readonly Argument<string[]> Paths = new("PATH") { Description = "Files or directories to search", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<SearchMode> Mode = new("--mode") { Description = "auto, regex, symbol, semantic, hybrid, keyword or references (the uses of a name)", DefaultValueFactory = _ => SearchMode.Auto };
    private static readonly Option<double?> MinScore = new("--min-score") { Description = "Semantic mode: drop hits below this cosine similarity" };
    private static readonly Option<string[]> PathOption = new("--path", "-p") { Description = "File or directory to search (repeatable)" };
    private static readonly Option<bool> IgnoreCase = new("--ignore-case", "-i") { Description = "Case-insensitive" };
    private static readonly Option<bool> SmartCase = new("--smart-case", "-S") { Description = "Case-insensitive unless the query has capitals" };
    private static readonly Option<bool> Word = new("--word-regexp", "-w") { Description = "Match whole words only" };
    private static readonly Option<bool> Fixed = new("--fixed-strings", "-F") { Description = "Treat the query as a literal string" };
    private static readonly Option<string[]> Globs = new("--glob", "-g") { Description = "Include or (with !) exclude paths (repeatable)" };
    private static readonly Option<string[]> Types = new("--type", "-t") { Description = "Only files of this ripgrep type (repeatable)" };
    private static readonly Option<int> Context = new("--context", "-C") { Description = "Lines of context around each hit" };
    private static readonly Option<int?> MaxCount = new("--max-count", "-m") { Description = "At most N matches per file" };
    private static readonly Option<int?> Limit = new("--limit") { Description = "At most N hits in all (default: 20 for a bare identifier, 10 for a question)" };
    private static readonly Option<bool> LineNumber = new("--line-number", "-n") { Description = "Show line and column numbers (the default)" };
    private static readonly Option<bool> NoLineNumber = new("--no-line-number", "-N") { Description = "Do not show line and column numbers" };
    private static readonly Option<bool> Heading = new("--heading") { Description = "Print each file's path once above its hits (the default on a terminal)" };
    private static readonly Option<bool> NoHeading = new("--no-heading") { Description = "Print the path on every line (the default when not on a terminal)" };
    private static readonly Option<bool> FullSection = new("--full-section") { Description = "Chunk hits: print the whole chunk around the line that answers" };
    private static readonly Option<bool> Related = new("--related") { Description = "A bare identifier: add the chunks semantically like it after the lines that use it" };
    private static readonly Option<string[]> Kinds = new("--kind") { Description = "Symbol kinds to keep, e.g. function, class (repeatable)" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON document" };
    private static readonly Option<bool> JsonLines = new("--jsonl") { Description = "Print one JSON object per hit" };
    private static readonly Option<string> Color = new("--color") { Description = "never, always or auto", DefaultValueFactory = _ => "auto" };
    private static readonly Option<bool> IndexFirst = new("--index") { Description = "Index a path no project contains yet, then search" };

    static SearchCommand()
    {
        Color.AcceptOnlyFromAmong("never", "always", "auto");
    }

    public static Command Build(CliContext context)
    {
        var command = new Command("search", "Search indexed projects (exit 0: hits, 1: none, 2: error)")
        {
            Query, Paths, Mode, MinScore, PathOption, IgnoreCase, SmartCase, Word, Fixed, Globs, Types, Context, MaxCount, Limit, LineNumber, NoLineNumber,
            Heading, NoHeading, FullSection, Related, Kinds, Json, JsonLines, Color, IndexFirst,
        };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            var request = ToRequest(parse);
            if (parse.GetValue(Json) && parse.GetValue(JsonLines))
            {
                throw new Core.RagexException("--json and --jsonl cannot be combined");
            }

            var indexFirst = parse.GetValue(IndexFirst);
            var local = RunsLocally(request, indexFirst);
            await using var backend = await context.OpenBackendAsync(parse.GetValue(GlobalOptions.NoDaemon) || local, token);
            var formatter = Formatter(parse, context);
            var (reply, hits) = local && formatter is IStreamingHitFormatter streaming && backend is InProcessBackend here
                ? await StreamAsync(context, here, streaming, request, token)
                : await PrintWholeAsync(context, backend, formatter, request, indexFirst, token);
            foreach (var note in parse.GetValue(Json) || parse.GetValue(JsonLines) ? [] : reply.Notes)
            {
                context.Error.WriteLine($"ragex: {note}");
            }

            return hits > 0 ? ExitCodes.Found : ExitCodes.NotFound;
        }));
        return command;
    }

    /// <summary>
    /// A regex search needs nothing the daemon holds: ripgrep reads the files, and the registry and each project's
    /// rg.ignore are on disk. Running it here saves the round trip through the daemon, which is most of the time of a
    /// search that ripgrep answers in tens of milliseconds (scripts/bench case 1). The hits are the same: both paths run
    /// Core's RegexSearcher (here printed as ripgrep finds them, <see cref="StreamAsync"/>). With --index the daemon is
    /// used, so that it registers and watches the new project.
    /// </summary>
    private static bool RunsLocally(SearchRequest request, bool indexFirst) => request.Mode == SearchMode.Regex && !indexFirst;

    /// <summary>
    /// A regex search run here prints each hit as ripgrep finds it, as rg does (files in ripgrep's order): on the
    /// Linux kernel 70,000 hits were otherwise gathered, sorted and printed after ripgrep had finished.
    /// </summary>
    private static async Task<(SearchReply Reply, int Hits)> StreamAsync(
        CliContext context, InProcessBackend backend, IStreamingHitFormatter formatter, SearchRequest request, CancellationToken token)
    {
        SearchReply? reply = null;
        var hits = 0;
        await context.PrintAsync(async output =>
        {
            var stream = formatter.Open(output);
            reply = await backend.StreamRegexAsync(request, context.CurrentDirectory, hit =>
            {
                stream.Write(hit);
                hits++;
            }, token);
            stream.End(reply);
        });
        return (reply!, hits);
    }

    private static async Task<(SearchReply Reply, int Hits)> PrintWholeAsync(
        CliContext context, IRagexBackend backend, IHitFormatter formatter, SearchRequest request, bool indexFirst, CancellationToken token)
    {
        var reply = await SearchAsync(backend, request, context.CurrentDirectory, indexFirst, token);
        context.Print(output => formatter.Write(reply, output));
        return (reply, reply.Hits.Count);
    }

    /// <summary>With <c>--index</c>, a path no project contains is indexed first (with embeddings), then searched.</summary>
    private static async Task<SearchReply> SearchAsync(
        IRagexBackend backend, SearchRequest request, string currentDirectory, bool indexFirst, CancellationToken token)
    {
        try
        {
            return await backend.SearchAsync(request, currentDirectory, token);
        }
        catch (Core.RagexException e) when (e.NotIndexedPath is { } path)
        {
            if (!indexFirst)
            {
                throw new Core.RagexException($"{e.Message} (or add --index to index it now)");
            }

            var root = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
            await backend.IndexAsync(RealPath.Resolve(root), embeddings: true, progress: null, token);
            return await backend.SearchAsync(request, currentDirectory, token);
        }
    }

    public static SearchRequest ToRequest(ParseResult parse)
    {
        var context = parse.GetValue(Context);
        if (context < 0 || parse.GetValue(Limit) is < 0 || parse.GetValue(MaxCount) is < 0)
        {
            throw new Core.RagexException("--context, --limit and --max-count take a number of 0 or more");
        }

        var paths = parse.GetValue(Paths) ?? [];
        if (paths.FirstOrDefault(p => p.StartsWith('-')) is { } unknown)
        {
            throw new Core.RagexException($"unrecognized option '{unknown}' (see `ragex search --help`)");
        }

        return new SearchRequest(parse.GetValue(Query)!, parse.GetValue(Mode))
        {
            Paths = [.. paths, .. parse.GetValue(PathOption) ?? []],
            IgnoreCase = parse.GetValue(IgnoreCase),
            SmartCase = parse.GetValue(SmartCase),
            FixedStrings = parse.GetValue(Fixed),
            WordRegexp = parse.GetValue(Word),
            Globs = parse.GetValue(Globs) ?? [],
            Types = parse.GetValue(Types) ?? [],
            ContextLines = context,
            MaxCountPerFile = parse.GetValue(MaxCount),
            Limit = parse.GetValue(Limit),
            Kinds = parse.GetValue(Kinds) ?? [],
            MinScore = parse.GetValue(MinScore),
            Related = parse.GetValue(Related),
            FullSection = parse.GetValue(FullSection),
        };
    }

    private static IHitFormatter Formatter(ParseResult parse, CliContext context)
    {
        if (parse.GetValue(Json))
        {
            return new JsonFormatter();
        }

        if (parse.GetValue(JsonLines))
        {
            return new JsonLinesFormatter();
        }

        var color = parse.GetValue(Color) switch
        {
            "always" => true,
            "never" => false,
            _ => context.Interactive && Environment.GetEnvironmentVariable("NO_COLOR") is null,
        };
        return new GrepFormatter(new GrepStyle(color, Chosen(parse, Heading, NoHeading, context.Interactive), Chosen(parse, LineNumber, NoLineNumber, true)), context.CurrentDirectory);
    }

    /// <summary>A flag and its negation as ripgrep reads them: the one given last wins; neither leaves the default.</summary>
    private static bool Chosen(ParseResult parse, Option<bool> on, Option<bool> off, bool byDefault)
    {
        var given = parse.Tokens.Select(t => t.Value).LastOrDefault(v => on.Name == v || on.Aliases.Contains(v) || off.Name == v || off.Aliases.Contains(v));
        return given is null ? byDefault : given == on.Name || on.Aliases.Contains(given);
    }
}

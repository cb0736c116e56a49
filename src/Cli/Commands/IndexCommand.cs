using System.CommandLine;
using Ragex.Cli.Backends;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Protocol.Daemon;
using Spectre.Console;

namespace Ragex.Cli.Commands;

/// <summary>`ragex index [PATH]`: registers a project and brings its index up to date.</summary>
public static class IndexCommand
{
    public static Command Build(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "Project root (default: current directory)", DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var noEmbeddings = new Option<bool>("--no-embeddings") { Description = "Index symbols and text only; no vectors in either tier" };
        var waitAll = new Option<bool>("--wait-all")
        {
            Description = "Return once the transformer tier is complete too (by default: once every chunk is searchable, the transformer refining in the background)",
        };
        var command = new Command("index", "Index a project (incremental: only changed files are re-parsed)") { path, json, noEmbeddings, waitAll };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            var root = Path.GetFullPath(parse.GetValue(path)!, context.CurrentDirectory);
            if (!Directory.Exists(root))
            {
                throw new Core.RagexException($"{parse.GetValue(path)}: no such directory");
            }

            root = RealPath.Resolve(root);
            await using var backend = await context.OpenBackendAsync(parse.GetValue(GlobalOptions.NoDaemon), token);
            var embeddings = !parse.GetValue(noEmbeddings);
            var all = parse.GetValue(waitAll);
            var indexed = context.Interactive && !parse.GetValue(json)
                ? await WithProgressBarAsync(backend, root, embeddings, all, token)
                : await backend.IndexAsync(root, embeddings, null, token, all);
            context.Out.WriteLine(parse.GetValue(json) ? ToJson(indexed) : Describe(indexed));
            if (parse.GetValue(GlobalOptions.Verbose) && !parse.GetValue(json))
            {
                context.Out.WriteLine($"  stages: {indexed.Stages.Describe(indexed.Parsed)}");
                context.Out.Write(DescribeParsed(indexed));
            }

            return ExitCodes.Found;
        }));
        return command;
    }

    public static string Describe(ProjectIndexed indexed)
    {
        var skipped = indexed.Skipped.Count == 0 ? "none" : string.Join(", ", indexed.Skipped.Select(s => $"{s.Value} {s.Key}"));
        return $"indexed {indexed.Root}: {indexed.Files} files ({indexed.Parsed} parsed, {indexed.Touched} touched, "
            + $"{indexed.Deleted} deleted), skipped: {skipped}; {indexed.Symbols} symbols, {indexed.Chunks} chunks "
            + $"({Tiers(indexed)}) in {indexed.Seconds:0.00} s"
            + (indexed.TransformerContinues ? "; the transformer tier goes on in the background (ragex status)" : "");
    }

    /// <summary>One line per parsed path the reply carries, then how many more there were.</summary>
    public static string DescribeParsed(ProjectIndexed indexed)
    {
        var lines = new System.Text.StringBuilder();
        foreach (var path in indexed.FirstParsedPaths)
        {
            lines.AppendLine($"  parsed {path}");
        }

        var more = indexed.Parsed - indexed.FirstParsedPaths.Count;
        if (more > 0)
        {
            lines.AppendLine($"  … and {more} more");
        }

        return lines.ToString();
    }

    private static string Tiers(ProjectIndexed indexed) =>
        $"static tier {indexed.StaticChunks}, transformer tier {indexed.EmbeddedChunks}"
        + (indexed.Embedded > 0 ? $", {indexed.Embedded} embedded in this run{Rate(indexed)}" : "");

    private static string Rate(ProjectIndexed indexed) =>
        indexed.Embedded == 0 || indexed.EmbeddingSeconds <= 0 ? "" : $" at {indexed.Embedded / indexed.EmbeddingSeconds:0} chunks/s";

    private static string ToJson(ProjectIndexed indexed) => Output.OutputJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("project", indexed.ProjectId);
        json.WriteString("root", indexed.Root);
        json.WriteNumber("files", indexed.Files);
        json.WriteNumber("parsed", indexed.Parsed);
        json.WriteNumber("touched", indexed.Touched);
        json.WriteNumber("deleted", indexed.Deleted);
        json.WriteNumber("symbols", indexed.Symbols);
        json.WriteStartObject("skipped");
        foreach (var (reason, count) in indexed.Skipped)
        {
            json.WriteNumber(reason, count);
        }

        json.WriteEndObject();
        json.WriteStartArray("first_parsed_paths");
        foreach (var parsed in indexed.FirstParsedPaths)
        {
            json.WriteStringValue(parsed);
        }

        json.WriteEndArray();
        json.WriteNumber("chunks", indexed.Chunks);
        json.WriteNumber("static_chunks", indexed.StaticChunks);
        json.WriteNumber("embedded_chunks", indexed.EmbeddedChunks);
        json.WriteBoolean("transformer_continues", indexed.TransformerContinues);
        json.WriteNumber("embedded", indexed.Embedded);
        json.WriteNumber("embedding_seconds", Math.Round(indexed.EmbeddingSeconds, 3));
        if (indexed.EmbeddingModel is not null)
        {
            json.WriteString("embedding_model", indexed.EmbeddingModel);
        }

        json.WriteNumber("seconds", Math.Round(indexed.Seconds, 3));
        WriteStages(json, indexed.Stages);
        json.WriteEndObject();
    });

    /// <summary>Seconds of work per stage, summed over workers (<see cref="IndexStages"/>).</summary>
    private static void WriteStages(System.Text.Json.Utf8JsonWriter json, IndexStages stages)
    {
        json.WriteStartObject("stages");
        json.WriteNumber("walk_seconds", Math.Round(stages.Walk, 3));
        json.WriteNumber("ctags_seconds", Math.Round(stages.Ctags, 3));
        json.WriteNumber("chunking_seconds", Math.Round(stages.Chunking, 3));
        json.WriteNumber("static_vectors_seconds", Math.Round(stages.StaticVectors, 3));
        json.WriteNumber("static_vector_chunks", stages.StaticVectorChunks);
        json.WriteNumber("store_seconds", Math.Round(stages.Store, 3));
        json.WriteNumber("completion_seconds", Math.Round(stages.Completion, 3));
        json.WriteEndObject();
    }

    private static async Task<ProjectIndexed> WithProgressBarAsync(IRagexBackend backend, string root, bool embeddings, bool waitAll, CancellationToken token)
    {
        ProjectIndexed? indexed = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async progressContext =>
        {
            var task = progressContext.AddTask("scanning", maxValue: 1);
            var progress = new Progress<IndexProgress>(p =>
            {
                task.Description = StatusNames.Of(p.Phase);
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            });
            indexed = await backend.IndexAsync(root, embeddings, progress, token, waitAll);
            task.Value = task.MaxValue;
        });
        return indexed!;
    }
}

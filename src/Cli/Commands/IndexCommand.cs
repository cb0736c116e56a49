using System.CommandLine;
using System.Text.Json;
using Ragex.Core.Embedding;
using Ragex.Core.Indexing;
using Ragex.Core.Symbols;
using Spectre.Console;

namespace Ragex.Cli.Commands;

/// <summary>`ragex index [PATH]`: registers a project and brings its index up to date.</summary>
public static class IndexCommand
{
    public static Command Build(CliContext context)
    {
        var path = new Argument<string>("PATH") { Description = "Project root (default: current directory)", DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var noEmbeddings = new Option<bool>("--no-embeddings") { Description = "Index symbols and text only; skip the embedding model" };
        var command = new Command("index", "Index a project (incremental: only changed files are re-parsed)") { path, json, noEmbeddings };
        command.SetAction((parse, token) => CommandRunner.RunAsync(context, parse.GetValue(GlobalOptions.Verbose), async () =>
        {
            var root = Path.GetFullPath(parse.GetValue(path)!, context.CurrentDirectory);
            if (!Directory.Exists(root))
            {
                throw new Core.RagexException($"{parse.GetValue(path)}: no such directory");
            }

            using var embedders = context.CreateEmbedderProvider();
            var indexer = new ProjectIndexer(
                context.Registry, new IndexerOptions(), new CtagsRunner(), parse.GetValue(noEmbeddings) ? null : embedders);
            var summary = context.Interactive && !parse.GetValue(json)
                ? await WithProgressBarAsync(indexer, root, token)
                : await indexer.IndexAsync(root, null, token);
            context.Out.WriteLine(parse.GetValue(json) ? ToJson(summary) : Describe(summary));
            return ExitCodes.Found;
        }));
        return command;
    }

    public static string Describe(IndexSummary summary)
    {
        var skipped = summary.Skipped.Count == 0
            ? "none"
            : string.Join(", ", summary.Skipped.OrderBy(s => s.Key).Select(s => $"{s.Value} {Kebab(s.Key.ToString())}"));
        return $"indexed {summary.Project.Root}: {summary.Files} files ({summary.Parsed} parsed, {summary.Touched} touched, "
            + $"{summary.Deleted} deleted), skipped: {skipped}; {summary.Symbols} symbols, {summary.Chunks} chunks "
            + $"({summary.EmbeddedChunks} embedded, {summary.Embedded} in this run{Rate(summary)}) in {summary.Elapsed.TotalSeconds:0.00} s";
    }

    private static string Rate(IndexSummary summary) =>
        summary.Embedded == 0 ? "" : $" at {summary.Embedded / summary.EmbeddingTime.TotalSeconds:0} chunks/s";

    private static void WriteEmbedding(Utf8JsonWriter json, IndexSummary summary)
    {
        json.WriteNumber("chunks", summary.Chunks);
        json.WriteNumber("embedded_chunks", summary.EmbeddedChunks);
        json.WriteNumber("embedded", summary.Embedded);
        json.WriteNumber("embedding_seconds", Math.Round(summary.EmbeddingTime.TotalSeconds, 3));
        if (summary.EmbeddingModel is not null)
        {
            json.WriteString("embedding_model", summary.EmbeddingModel);
        }
    }

    private static string ToJson(IndexSummary summary) => Core.Output.OutputJson.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("project", summary.Project.Id);
        json.WriteString("root", summary.Project.Root);
        json.WriteNumber("files", summary.Files);
        json.WriteNumber("parsed", summary.Parsed);
        json.WriteNumber("touched", summary.Touched);
        json.WriteNumber("deleted", summary.Deleted);
        json.WriteNumber("symbols", summary.Symbols);
        json.WriteStartObject("skipped");
        foreach (var (reason, count) in summary.Skipped.OrderBy(s => s.Key))
        {
            json.WriteNumber(Kebab(reason.ToString()), count);
        }

        json.WriteEndObject();
        json.WriteStartArray("parsed_paths");
        foreach (var parsed in summary.ParsedPaths)
        {
            json.WriteStringValue(parsed);
        }

        json.WriteEndArray();
        WriteEmbedding(json, summary);
        json.WriteNumber("seconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
        json.WriteEndObject();
    });


    private static async Task<IndexSummary> WithProgressBarAsync(ProjectIndexer indexer, string root, CancellationToken token)
    {
        IndexSummary? summary = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async progressContext =>
        {
            var task = progressContext.AddTask("scanning", maxValue: 1);
            var progress = new Progress<IndexProgress>(p =>
            {
                task.Description = p.Phase;
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            });
            summary = await indexer.IndexAsync(root, progress, token);
            task.Value = task.MaxValue;
        });
        return summary!;
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

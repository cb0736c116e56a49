using System.Diagnostics;
using Ragex.Core.Chunking;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Indexing;

/// <summary>
/// Turns a batch of changed files into symbols (one ctags process for the batch; definitions ctags gives no end line get
/// one from the code's layout, <see cref="DefinitionExtents"/>) and chunks, each with its static vector when the
/// parser has a <paramref name="staticTier"/> (a table lookup per token: the static tier costs no model call; the
/// table is loaded on the first batch that needs it).
/// </summary>
public sealed class FileParser(CtagsRunner ctags, ChunkerOptions chunking, Func<StaticEmbedder>? staticTier = null)
{
    private readonly Chunker chunker = new(chunking);

    /// <param name="staticVectors">False for an index kept without vectors (--no-embeddings).</param>
    public async Task<ParsedFiles> ParseAsync(Project project, IReadOnlyList<FileRecord> files, CancellationToken cancellationToken, bool staticVectors = true)
    {
        var embedder = staticVectors ? staticTier?.Invoke() : null;
        var symbols = new Dictionary<string, List<SymbolRecord>>(StringComparer.Ordinal);
        var failed = new List<string>();
        var started = Stopwatch.GetTimestamp();
        await ExtractAsync(project, [.. files.Select(f => f.Path)], symbols, failed, cancellationToken);
        var ctags = Stopwatch.GetElapsedTime(started);
        var (chunking, vectors, vectorChunks) = (TimeSpan.Zero, TimeSpan.Zero, 0);
        var parsed = new List<ParsedFile>(files.Count);
        foreach (var file in files.Where(f => symbols.ContainsKey(f.Path)))
        {
            var chunked = Stopwatch.GetTimestamp();
            var text = ReadText(project, file.Path);
            var lines = Chunker.Lines(text);
            var fileSymbols = DefinitionExtents.Infer(DefinitionLines.WithPreviews(symbols[file.Path], lines), lines);
            var chunks = chunker.Chunk(file.Path, lines, fileSymbols);
            var keywordOnly = GeneratedCode.Detect(lines, fileSymbols);
            chunking += Stopwatch.GetElapsedTime(chunked);
            float[][]? fileVectors = null;
            if (embedder is not null && !keywordOnly)
            {
                var embedding = Stopwatch.GetTimestamp();
                fileVectors = embedder.Embed([.. chunks.Select(c => c.Text)], EmbeddingPurpose.Document, cancellationToken);
                vectors += Stopwatch.GetElapsedTime(embedding);
                vectorChunks += fileVectors.Length;
            }

            parsed.Add(new ParsedFile(file, fileSymbols, chunks, fileVectors, keywordOnly));
        }

        return new ParsedFiles(parsed, failed)
        {
            Stages = IndexStages.None with
            {
                Ctags = ctags.TotalSeconds, Chunking = chunking.TotalSeconds, StaticVectors = vectors.TotalSeconds, StaticVectorChunks = vectorChunks,
            },
        };
    }

    /// <summary>
    /// Tags for a batch from one ctags process; when ctags fails on the batch, each half is tried alone, so a file
    /// ctags cannot take costs only itself (<paramref name="failed"/>), never its neighbours.
    /// </summary>
    private async Task ExtractAsync(
        Project project, string[] paths, Dictionary<string, List<SymbolRecord>> symbols, List<string> failed, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var (path, tags) in await ctags.ExtractAsync(project.Root, paths, cancellationToken))
            {
                symbols[path] = tags;
            }
        }
        catch (CtagsException) when (paths.Length > 1)
        {
            await ExtractAsync(project, paths[..(paths.Length / 2)], symbols, failed, cancellationToken);
            await ExtractAsync(project, paths[(paths.Length / 2)..], symbols, failed, cancellationToken);
        }
        catch (CtagsException)
        {
            failed.AddRange(paths);
        }
    }

    private static string ReadText(Project project, string relativePath)
    {
        try
        {
            return File.ReadAllText(Path.Combine(project.Root, relativePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

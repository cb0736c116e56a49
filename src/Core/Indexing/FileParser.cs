using Ragex.Core.Chunking;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;

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
        Dictionary<string, List<SymbolRecord>> symbols;
        try
        {
            symbols = await ctags.ExtractAsync(project.Root, [.. files.Select(f => f.Path)], cancellationToken);
        }
        catch (CtagsException)
        {
            return new ParsedFiles([], [.. files.Select(f => f.Path)]);
        }

        var parsed = files.Select(file =>
        {
            var text = ReadText(project, file.Path);
            var fileSymbols = DefinitionExtents.Infer(symbols[file.Path], Chunker.Lines(text));
            var chunks = chunker.Chunk(file.Path, text, fileSymbols);
            return new ParsedFile(file, fileSymbols, chunks, embedder?.Embed([.. chunks.Select(c => c.Text)], EmbeddingPurpose.Document, cancellationToken));
        });
        return new ParsedFiles([.. parsed], []);
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

using Ragex.Core.Chunking;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Symbols;

namespace Ragex.Core.Indexing;

/// <summary>
/// Turns a batch of changed files into symbols (one ctags process for the batch; definitions ctags gives no end line get
/// one from the code's layout, <see cref="DefinitionExtents"/>) and chunks.
/// </summary>
public sealed class FileParser(CtagsRunner ctags, ChunkerOptions chunking)
{
    private readonly Chunker chunker = new(chunking);

    public async Task<ParsedFiles> ParseAsync(Project project, IReadOnlyList<FileRecord> files, CancellationToken cancellationToken)
    {
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
            return new ParsedFile(file, fileSymbols, chunker.Chunk(file.Path, text, fileSymbols));
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

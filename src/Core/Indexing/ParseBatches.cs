using Ragex.Core.Storage;

namespace Ragex.Core.Indexing;

/// <summary>
/// Files cut into the batches one ctags process parses: at most <see cref="IndexerOptions.CtagsBatchSize"/> files
/// and, past the first file, at most <see cref="IndexerOptions.CtagsBatchBytes"/> bytes. A batch is held whole while
/// it is parsed and stored, and generated trees put their largest files side by side (the kernel's 372 AMD register
/// headers, 390 MB, sort together): by count alone two such batches held 1.2 GB at once.
/// </summary>
public static class ParseBatches
{
    public static IEnumerable<FileRecord[]> Of(IReadOnlyList<FileRecord> files, IndexerOptions options)
    {
        var batch = new List<FileRecord>(Math.Min(files.Count, options.CtagsBatchSize));
        long bytes = 0;
        foreach (var file in files)
        {
            if (batch.Count > 0 && (batch.Count == options.CtagsBatchSize || bytes + file.Size > options.CtagsBatchBytes))
            {
                yield return [.. batch];
                batch.Clear();
                bytes = 0;
            }

            batch.Add(file);
            bytes += file.Size;
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }
}

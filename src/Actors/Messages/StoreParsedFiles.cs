using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>To the index writer: replace these files' symbols and chunks in one transaction. Answered by <see cref="ParsedFilesStored"/>.</summary>
public sealed record StoreParsedFiles(int Run, IReadOnlyList<ParsedFile> Files);

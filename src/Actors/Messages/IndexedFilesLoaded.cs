using Ragex.Core.Storage;

namespace Ragex.Actors.Messages;

/// <summary>Every indexed file with its size, mtime and hash, by relative path.</summary>
public sealed record IndexedFilesLoaded(int Run, IReadOnlyDictionary<string, FileRecord> Files);

namespace Ragex.Actors.Messages;

/// <summary>
/// To the index writer: the files the index holds now (only those of <paramref name="Paths"/> and under them, when
/// given), to plan run <paramref name="Run"/> against. Answered by <see cref="IndexedFilesLoaded"/>.
/// </summary>
public sealed record LoadIndexedFiles(int Run, IReadOnlyList<string>? Paths = null);

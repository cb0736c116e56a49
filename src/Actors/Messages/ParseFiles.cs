using Ragex.Core.Projects;
using Ragex.Core.Storage;

namespace Ragex.Actors.Messages;

/// <summary>To a chunker: run ctags over these changed files of run <paramref name="Run"/> and chunk them.</summary>
public sealed record ParseFiles(int Run, Project Project, IReadOnlyList<FileRecord> Files, bool StaticVectors);

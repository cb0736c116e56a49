using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.VectorIndex;

namespace Ragex.Actors.Tests.Projects;

/// <summary>Fault injection only: opening the index of <paramref name="failingRoot"/> fails; any other opens as usual.</summary>
internal sealed class FailingIndexWriterFactory(string failingRoot)
{
    public const string Reason = "fault injected: the index writer cannot start";

    public IndexWriter Open(Project project, VectorIndexCache vectors) =>
        project.Root == failingRoot ? throw new IOException(Reason) : IndexWriter.Open(project, vectors);
}

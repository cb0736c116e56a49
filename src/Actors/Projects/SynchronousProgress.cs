using Ragex.Core.Indexing;

namespace Ragex.Actors.Projects;

/// <summary>
/// Reports progress on the indexing task's own thread (unlike <see cref="Progress{T}"/>, which posts to the thread
/// pool and may reorder reports); the callback only tells the project actor, which is thread-safe.
/// </summary>
internal sealed class SynchronousProgress(Action<IndexProgress> report) : IProgress<IndexProgress>
{
    public void Report(IndexProgress value) => report(value);
}

using Ragex.Core.Indexing;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Cli.Backends;

/// <summary>
/// What the commands ask for, answered by the resident daemon (<see cref="DaemonBackend"/>) or in this process
/// (<see cref="InProcessBackend"/>, `--no-daemon`). Both give the same replies; failures are <see cref="Core.RagexException"/>s.
/// </summary>
public interface IRagexBackend : IAsyncDisposable
{
    Task<SearchReply> SearchAsync(SearchRequest request, string currentDirectory, CancellationToken cancellationToken);

    /// <summary>Indexes a root; answers once the static tier is complete, or every tier with <paramref name="waitForAllTiers"/>.</summary>
    Task<ProjectIndexed> IndexAsync(
        string root, bool embeddings, IProgress<IndexProgress>? progress, CancellationToken cancellationToken, bool waitForAllTiers = false);

    /// <summary>The code of the definition a <see cref="ReadCode"/> names.</summary>
    Task<CodeSpan> ReadCodeAsync(ReadCode request, CancellationToken cancellationToken);

    Task<ProjectList> ListAsync(CancellationToken cancellationToken);

    Task<ProjectRemoved> RemoveAsync(string idOrPath, CancellationToken cancellationToken);
}

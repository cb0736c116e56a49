using System.Collections.Concurrent;
using Ragex.Core.Storage;

namespace Ragex.Core.Search;

/// <summary>
/// Each project's <see cref="TierCoverage"/>, counted again only when a file was stored or a vector written since (two
/// one-row reads tell): counting is a scan of the chunks, a tenth of a second each on the kernel's 1.8M, and every
/// semantic or hybrid search needs it.
/// </summary>
public sealed class TierCoverageCache
{
    private readonly ConcurrentDictionary<string, (string Version, TierCoverage Coverage)> cache = new(StringComparer.Ordinal);

    public TierCoverage Of(Projects.Project project, IndexDatabase database)
    {
        var version = $"{database.Meta.Get(MetaKeys.SymbolsVersion)}/{database.VectorLog.Sequence()}";
        if (cache.TryGetValue(project.DatabasePath, out var cached) && cached.Version == version)
        {
            return cached.Coverage;
        }

        var coverage = TierCoverage.Of(project.Root, database);
        cache[project.DatabasePath] = (version, coverage);
        return coverage;
    }
}

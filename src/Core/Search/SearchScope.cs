using Ragex.Core.Projects;

namespace Ragex.Core.Search;

/// <summary>Where one project is searched: the whole tree, or the given paths inside it (relative, '/' separators).</summary>
public sealed record SearchScope(Project Project, IReadOnlyList<string> RelativePaths)
{
    public bool IsWholeProject => RelativePaths.Count == 0 || RelativePaths.Contains("");

    public bool Covers(string relativePath) =>
        IsWholeProject || RelativePaths.Any(p => relativePath == p || relativePath.StartsWith(p + "/", StringComparison.Ordinal));
}

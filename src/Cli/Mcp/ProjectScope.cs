using Ragex.Core;
using Ragex.Core.Projects;

namespace Ragex.Cli.Mcp;

/// <summary>
/// Keeps the tools inside registered projects. Paths are resolved as the CLI resolves them (relative to the server's
/// working directory, symlinks followed) so they compare equal to the registered roots.
/// </summary>
public static class ProjectScope
{
    public static string ResolveDirectory(string path, string currentDirectory)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        return Directory.Exists(full) ? RealPath.Resolve(full) : throw new RagexException($"{path}: no such directory");
    }

    /// <summary>The resolved path, if some registered project contains it; otherwise a one-line refusal.</summary>
    /// <remarks>The registry on disk is the daemon's too (same data home), so this holds for either backend.</remarks>
    public static string ResolveIndexed(ProjectRegistry registry, string path, string currentDirectory)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new RagexException($"{path}: no such file or directory");
        }

        var resolved = RealPath.Resolve(full);
        return registry.FindContaining(resolved) is not null
            ? resolved
            : throw new RagexException($"{path} is outside every indexed project; index it first with index_project (list_projects shows what is indexed)");
    }
}

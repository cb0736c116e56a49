using Ragex.Cli.Backends;
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
    public static async Task<string> ResolveIndexedAsync(IRagexBackend backend, string path, string currentDirectory, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new RagexException($"{path}: no such file or directory");
        }

        var resolved = RealPath.Resolve(full);
        var projects = (await backend.ListAsync(cancellationToken)).Projects;
        return projects.Any(project => Contains(project.Root, resolved))
            ? resolved
            : throw new RagexException($"{path} is outside every indexed project; index it first with index_project (list_projects shows what is indexed)");
    }

    private static bool Contains(string root, string path) =>
        path == root || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}

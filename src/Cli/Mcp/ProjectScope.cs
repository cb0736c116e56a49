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

    /// <summary>The resolved path of an existing file or directory; otherwise a one-line refusal.</summary>
    public static string ResolveExisting(string path, string currentDirectory)
    {
        var full = Path.GetFullPath(path, currentDirectory);
        return File.Exists(full) || Directory.Exists(full) ? RealPath.Resolve(full) : throw new RagexException($"{path}: no such file or directory");
    }

    /// <summary>
    /// What the search engine's "not inside an indexed project" becomes for an assistant. The engine decides, not this
    /// process: a cluster node's own data home lists no projects (the owner's does).
    /// </summary>
    public static RagexException OutsideIndexedProjects(string path) =>
        new($"{path} is outside every indexed project; index it first with index_project (list_projects shows what is indexed)");
}

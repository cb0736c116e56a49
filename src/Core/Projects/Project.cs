namespace Ragex.Core.Projects;

/// <summary>A registered repository: its real root and where its index lives.</summary>
public sealed record Project(string Id, string Root, string DataDirectory)
{
    public string DatabasePath => Path.Combine(DataDirectory, "index.db");

    /// <summary>The root as text beside the index: the registry reads it even when index.db cannot be read.</summary>
    public string RootFilePath => Path.Combine(DataDirectory, "root");

    /// <summary>Ignore rules ripgrep cannot read by itself (defaults, .ragexignore), in one file for --ignore-file.</summary>
    public string RipgrepIgnorePath => Path.Combine(DataDirectory, "rg.ignore");

    /// <summary>True when <paramref name="path"/> (absolute, real) is the root or inside it.</summary>
    public bool Contains(string path) =>
        path == Root || path.StartsWith(Root.EndsWith('/') ? Root : Root + "/", StringComparison.Ordinal);

    /// <summary>The path relative to the root with '/' separators ("" for the root itself).</summary>
    public string Relative(string path) => path == Root ? "" : Path.GetRelativePath(Root, path).Replace('\\', '/');
}

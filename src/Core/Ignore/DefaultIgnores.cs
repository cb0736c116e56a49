namespace Ragex.Core.Ignore;

/// <summary>Directories never worth indexing, applied with the lowest precedence so an ignore file can re-include them.</summary>
public static class DefaultIgnores
{
    public static readonly IReadOnlyList<string> DirectoryNames =
        [".git", "node_modules", "bin", "obj", "__pycache__", ".venv", "dist", "build"];

    public static readonly IgnoreFile Rules = IgnoreFile.Parse(DirectoryNames.Select(name => name + "/"));
}

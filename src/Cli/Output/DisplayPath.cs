namespace Ragex.Cli.Output;

/// <summary>Paths as ripgrep prints them: relative to the current directory when under it, absolute otherwise.</summary>
public static class DisplayPath
{
    public static string For(string root, string relativePath, string currentDirectory)
    {
        var full = relativePath.Length == 0 ? root : root.TrimEnd('/') + "/" + relativePath;
        var directory = currentDirectory.TrimEnd('/');
        return full.StartsWith(directory + "/", StringComparison.Ordinal) ? full[(directory.Length + 1)..] : full;
    }
}

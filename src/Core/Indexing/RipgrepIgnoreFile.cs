using Ragex.Core.Ignore;

namespace Ragex.Core.Indexing;

/// <summary>
/// ripgrep reads .gitignore, .ignore and .rgignore itself but not our defaults or .ragexignore files. This writes them
/// as one gitignore-format file, each nested rule re-anchored to its directory, for <c>rg --ignore-file</c> run from
/// the project root. ripgrep gives --ignore-file the lowest precedence, so in regex mode a .ragexignore negation cannot
/// re-include what a .gitignore excludes.
/// </summary>
public static class RipgrepIgnoreFile
{
    public static IEnumerable<string> Lines(string root, IEnumerable<string> ragexIgnoreFiles)
    {
        foreach (var name in DefaultIgnores.DirectoryNames)
        {
            yield return name + "/";
        }

        foreach (var file in ragexIgnoreFiles.Order(StringComparer.Ordinal))
        {
            var directory = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
            foreach (var line in File.ReadLines(file))
            {
                if (!string.IsNullOrWhiteSpace(line) && !line.StartsWith('#'))
                {
                    yield return Anchor(line.TrimEnd(), directory == "." ? "" : directory);
                }
            }
        }
    }

    public static void Write(string path, string root, IEnumerable<string> ragexIgnoreFiles)
    {
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, Lines(root, ragexIgnoreFiles));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Rewrites a rule from a .ragexignore in <paramref name="directory"/> so it means the same from the root.</summary>
    public static string Anchor(string rule, string directory)
    {
        if (directory.Length == 0)
        {
            return rule;
        }

        var negated = rule.StartsWith('!');
        var pattern = negated ? rule[1..] : rule;
        var anchored = pattern.StartsWith('/') || pattern.TrimEnd('/').Contains('/')
            ? directory + "/" + pattern.TrimStart('/')
            : directory + "/**/" + pattern;
        return (negated ? "!" : "") + anchored;
    }
}

using Ragex.Core.Ignore;

namespace Ragex.Core.Indexing;

/// <summary>
/// ripgrep reads .gitignore, .ignore and .rgignore itself but not our defaults or .ragexignore files. This writes them
/// as one gitignore-format file, each nested rule re-anchored to its directory, for <c>rg --ignore-file</c> run from
/// the project root. ripgrep gives --ignore-file the lowest precedence, so in regex mode a .ragexignore negation cannot
/// re-include what a .gitignore excludes. The files the walk found over the size limit come last, each by its own
/// path: rg's <c>--max-filesize</c> would cost a stat of every file it walks (a tenth of a search of the Linux kernel).
/// </summary>
public static class RipgrepIgnoreFile
{
    public static IEnumerable<string> Lines(string root, IEnumerable<string> ragexIgnoreFiles, IEnumerable<string> tooLargeFiles)
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

        foreach (var file in tooLargeFiles.Order(StringComparer.Ordinal))
        {
            yield return Literal(file);
        }
    }

    public static void Write(string path, string root, IEnumerable<string> ragexIgnoreFiles, IEnumerable<string> tooLargeFiles)
    {
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, Lines(root, ragexIgnoreFiles, tooLargeFiles));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A rule that matches exactly the file at <paramref name="relativePath"/>: anchored, its glob characters escaped.</summary>
    private static string Literal(string relativePath)
    {
        // Trailing spaces are dropped from a rule unless escaped.
        var trailingSpacesFrom = relativePath.TrimEnd(' ').Length;
        var escaped = new System.Text.StringBuilder("/", relativePath.Length + 8);
        for (var i = 0; i < relativePath.Length; i++)
        {
            var c = relativePath[i];
            if (c is '\\' or '*' or '?' or '[' or ']' || (c == ' ' && i >= trailingSpacesFrom))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
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

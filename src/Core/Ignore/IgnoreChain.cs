namespace Ragex.Core.Ignore;

/// <summary>
/// Decides for one path, without walking the tree, whether <see cref="Walk.FileWalker"/> would leave it out because of
/// its name or place: ignore files of every directory from the root down to its parent, ignored or hidden ancestors,
/// hidden names unless whitelisted, the defaults. Properties of the entry itself (symbolic link, size) are not
/// considered: they can change without the path changing, so whoever reads the file checks them.
/// </summary>
public static class IgnoreChain
{
    /// <param name="root">The walk root.</param>
    /// <param name="relativePath">A path under <paramref name="root"/>, '/' separators.</param>
    /// <param name="isDirectory">Whether the path names a directory (directory-only rules such as "build/").</param>
    /// <param name="directoryRules">
    /// Optional cache of the rules of each directory, keyed by relative directory ("" for the root), for callers that
    /// decide many paths at once; the caller clears it when an ignore file may have changed.
    /// </param>
    public static bool IsIgnored(string root, string relativePath, bool isDirectory, IDictionary<string, IgnoreRules>? directoryRules = null)
    {
        var names = relativePath.Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return false;
        }

        var rules = RulesOf(root, "", IgnoreRules.Root, directoryRules);
        var relative = "";
        for (var i = 0; i < names.Length; i++)
        {
            var last = i == names.Length - 1;
            relative = i == 0 ? names[i] : relative + "/" + names[i];
            if (rules.Exclusion(relative, names[i], isDirectory || !last) is not null)
            {
                return true;
            }

            if (!last)
            {
                rules = RulesOf(root, relative, rules, directoryRules);
            }
        }

        return false;
    }

    private static IgnoreRules RulesOf(string root, string relativeDirectory, IgnoreRules parent, IDictionary<string, IgnoreRules>? cache)
    {
        if (cache is not null && cache.TryGetValue(relativeDirectory, out var cached))
        {
            return cached;
        }

        var fullDirectory = relativeDirectory.Length == 0 ? root : Path.Combine(root, relativeDirectory);
        var rules = parent.ForDirectory(fullDirectory, relativeDirectory);
        if (cache is not null)
        {
            cache[relativeDirectory] = rules;
        }

        return rules;
    }
}

using Ragex.Core.Ignore;

namespace Ragex.Core.Walk;

/// <summary>
/// Walks a project tree as ripgrep would: ignore files honoured per directory, hidden entries, symbolic links and
/// anything that is not a regular file (FIFOs, sockets, devices) skipped, files over the size limit skipped. Entries come in ordinal name order, so walks are deterministic.
/// </summary>
public sealed class FileWalker(WalkOptions options)
{
    public IEnumerable<WalkedFile> Walk(string root, WalkStatistics statistics)
    {
        var pending = new Stack<(string FullPath, string RelativePath, IgnoreRules Rules)>();
        pending.Push((root, "", IgnoreRules.Root.ForDirectory(root, "", statistics.RagexIgnoreFiles)));
        while (pending.Count > 0)
        {
            var (directory, relativeDirectory, rules) = pending.Pop();
            var subdirectories = new List<(string, string, IgnoreRules)>();
            foreach (var entry in Entries(directory, statistics))
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                var isDirectory = entry is DirectoryInfo;
                if (!IsIncluded(entry, relative, isDirectory, rules, statistics))
                {
                    continue;
                }

                if (isDirectory)
                {
                    subdirectories.Add((entry.FullName, relative, rules.ForDirectory(entry.FullName, relative, statistics.RagexIgnoreFiles)));
                }
                else if (!FileKind.IsRegular(entry.FullName))
                {
                    statistics.Skip(SkipReason.NotRegularFile);
                }
                else if (((FileInfo)entry).Length > options.MaxFileSize)
                {
                    statistics.SkipTooLarge(relative);
                }
                else
                {
                    yield return new WalkedFile(entry.FullName, relative, ((FileInfo)entry).Length, entry.LastWriteTimeUtc.Ticks);
                }
            }

            for (var i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push(subdirectories[i]);
            }
        }
    }

    /// <summary>
    /// The one file at <paramref name="relativePath"/> as <see cref="Walk"/> would yield it, or null when the walk would
    /// not (gone, ignored, a link, not a regular file, too large; skips are counted). <paramref name="directoryRules"/>
    /// caches ignore rules across calls (<see cref="IgnoreChain.IsIgnored"/>).
    /// </summary>
    public WalkedFile? Describe(string root, string relativePath, IDictionary<string, IgnoreRules> directoryRules, WalkStatistics statistics)
    {
        var file = new FileInfo(Path.Combine(root, relativePath));
        if (!file.Exists || file.LinkTarget is not null || IgnoreChain.IsIgnored(root, relativePath, isDirectory: false, directoryRules))
        {
            return null;
        }

        if (!FileKind.IsRegular(file.FullName))
        {
            statistics.Skip(SkipReason.NotRegularFile);
            return null;
        }

        if (file.Length > options.MaxFileSize)
        {
            statistics.SkipTooLarge(relativePath);
            return null;
        }

        return new WalkedFile(file.FullName, relativePath, file.Length, file.LastWriteTimeUtc.Ticks);
    }

    private static bool IsIncluded(FileSystemInfo entry, string relative, bool isDirectory, IgnoreRules rules, WalkStatistics statistics)
    {
        if (entry.LinkTarget is not null)
        {
            return false;
        }

        if (rules.Exclusion(relative, entry.Name, isDirectory) is { } reason)
        {
            statistics.Skip(reason);
            return false;
        }

        return true;
    }

    private static IEnumerable<FileSystemInfo> Entries(string directory, WalkStatistics statistics)
    {
        try
        {
            return new DirectoryInfo(directory).GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            statistics.Skip(SkipReason.Unreadable);
            return [];
        }
    }
}

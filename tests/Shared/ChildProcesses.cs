using System.Globalization;

namespace Ragex.Tests;

/// <summary>The live processes a process started, read from /proc ("pid (comm) state ppid ..."; zombies are not live).</summary>
public static class ChildProcesses
{
    /// <summary>Ids of the live children of <paramref name="parent"/> (this process by default) named <paramref name="name"/>, or of any name.</summary>
    public static List<int> Of(int? parent = null, string? name = null)
    {
        var children = new List<int>();
        var parentId = (parent ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var comm = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == parentId && fields[0] != "Z" && (name is null || comm == name))
                {
                    children.Add(id);
                }
            }
            catch (IOException)
            {
                // It exited while being read.
            }
        }

        return children;
    }

    /// <summary>Whether a process of this id is still live (not exited, not a zombie).</summary>
    public static bool IsLive(int id)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{id}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}

using Ragex.Core.Projects;

namespace Ragex.Host.Tests;

/// <summary>A private copy of some packages of Debian's Python 3.11 stdlib (.py files only), deleted on dispose.</summary>
public sealed class StdlibSubset : IDisposable
{
    public const string Stdlib = "/usr/lib/python3.11";

    /// <summary>What the eval's stdlib copy leaves out (tests and the IDLE application).</summary>
    private static readonly string[] NotInEvalCorpus = ["test", "idlelib", Path.Combine("lib2to3", "tests")];

    public StdlibSubset(params string[] packages)
    {
        Root = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);
        foreach (var package in packages)
        {
            Add(package);
        }
    }

    public string Root { get; }

    /// <summary>The whole stdlib as ../shared/eval indexes it: every module and package but tests and IDLE (~20k chunks).</summary>
    public static StdlibSubset EvalCorpus()
    {
        var tree = new StdlibSubset();
        foreach (var file in Directory.EnumerateFiles(Stdlib, "*.py", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Stdlib, file);
            if (!NotInEvalCorpus.Any(skipped => relative.StartsWith(skipped + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                tree.Copy(file, relative);
            }
        }

        return tree;
    }

    public void Add(string package)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Stdlib, package), "*.py", SearchOption.AllDirectories))
        {
            Copy(file, Path.GetRelativePath(Stdlib, file));
        }
    }

    private void Copy(string file, string relative)
    {
        var target = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(file, target);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

using Ragex.Core.Projects;

namespace Ragex.Host.Tests;

/// <summary>A private copy of some packages of Debian's Python 3.11 stdlib (.py files only), deleted on dispose.</summary>
public sealed class StdlibSubset : IDisposable
{
    public const string Stdlib = "/usr/lib/python3.11";

    public StdlibSubset(params string[] packages)
    {
        Root = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);
        foreach (var package in packages)
        {
            Add(package);
        }
    }

    public string Root { get; }

    public void Add(string package)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Stdlib, package), "*.py", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, package, Path.GetRelativePath(Path.Combine(Stdlib, package), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

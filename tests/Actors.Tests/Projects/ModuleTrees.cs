using Ragex.Core.Projects;

namespace Ragex.Actors.Tests.Projects;

/// <summary>Temporary trees of one Python module each (real paths), deleted with this object.</summary>
public sealed class ModuleTrees : IDisposable
{
    private readonly List<string> trees = [];

    public string Add(string content)
    {
        var tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);
        trees.Add(tree);
        File.WriteAllText(Path.Combine(tree, "module.py"), content);
        return tree;
    }

    public void Dispose()
    {
        foreach (var tree in trees)
        {
            Directory.Delete(tree, recursive: true);
        }
    }
}

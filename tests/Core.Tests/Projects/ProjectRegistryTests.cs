using Ragex.Core.Configuration;
using Ragex.Core.Indexing;
using Ragex.Core.Projects;

namespace Ragex.Core.Tests.Projects;

public sealed class ProjectRegistryTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("ragex-home-").FullName;
    private readonly string tree = RealPath.Resolve(Directory.CreateTempSubdirectory("ragex-tree-").FullName);

    [Fact]
    public void The_deepest_registered_root_contains_a_path_and_an_unregistered_path_has_none()
    {
        var registry = new ProjectRegistry(new RagexHome(home));
        var inner = Path.Combine(tree, "vendor", "lib");
        Directory.CreateDirectory(Path.Combine(inner, "src"));
        File.WriteAllText(Path.Combine(inner, "src", "a.py"), "x = 1\n");
        Directory.CreateDirectory(Path.Combine(tree, "docs"));
        registry.Register(tree);
        registry.Register(inner);

        Assert.Equal(inner, registry.FindContaining(Path.Combine(inner, "src", "a.py"))?.Root);
        Assert.Equal(inner, registry.FindContaining(inner)?.Root);
        Assert.Equal(tree, registry.FindContaining(Path.Combine(tree, "docs"))?.Root);
        Assert.Equal(tree, registry.FindContaining(Path.Combine(tree, "vendor"))?.Root);
        Assert.Null(registry.FindContaining(Path.GetDirectoryName(tree)!));
        Assert.Equal(registry.List().Single(p => p.Root == inner), registry.FindContaining(inner));
    }

    [Fact]
    public void A_project_whose_database_cannot_be_read_is_still_listed_and_found()
    {
        var registry = new ProjectRegistry(new RagexHome(home));
        var project = registry.Register(tree);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.WriteAllText(project.DatabasePath, "not a database");

        Assert.Equal(tree, registry.List().Single().Root);
        File.Delete(project.DatabasePath);
        Assert.Equal(project, registry.FindContaining(tree));
    }

    [Fact]
    public void Registering_again_leaves_an_unreadable_database_for_the_writer_to_move_aside_and_report()
    {
        var registry = new ProjectRegistry(new RagexHome(home));
        var project = registry.Register(tree);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.WriteAllText(project.DatabasePath, "not a database, but long enough to hold a header.........................");

        registry.Register(tree);
        Assert.StartsWith("not a database", File.ReadAllText(project.DatabasePath), StringComparison.Ordinal);

        using var writer = IndexWriter.Open(project);
        Assert.Equal(Assert.Single(Directory.GetFiles(project.DataDirectory, "index.db.broken-*")), writer.MovedAside);
    }

    public void Dispose()
    {
        Directory.Delete(home, recursive: true);
        Directory.Delete(tree, recursive: true);
    }
}

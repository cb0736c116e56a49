using Ragex.Core.Indexing;
using Ragex.Core.Projects;
using Ragex.Core.Storage;
using Ragex.Core.Tests.Support;
using Ragex.Core.Walk;

namespace Ragex.Core.Tests.Indexing;

public sealed class IndexPlannerTests
{
    [Fact]
    public void A_plan_of_changed_paths_looks_at_those_paths_only()
    {
        using var tree = new TemporaryDirectory();
        for (var i = 0; i < 50; i++)
        {
            tree.Write($"src/m{i}.py", $"x = {i}\n");
        }

        var project = new Project("p", tree.Path, tree.Combine(".data"));
        var planner = new IndexPlanner(new WalkOptions());
        var full = planner.Plan(project, new Dictionary<string, FileRecord>(), progress: null);
        var known = full.Changed.ToDictionary(f => f.Path);
        tree.Write("src/m3.py", "x = 'changed'\n");
        File.Delete(tree.Combine("src/m4.py"));
        tree.Write("src/new.py", "y = 1\n");

        var plan = planner.PlanPaths(project, ["src/m3.py", "src/m4.py", "src/new.py"], known)!;

        Assert.Equal(50, full.Examined);
        Assert.Equal(2, plan.Examined);
        Assert.Equal(["src/m3.py", "src/new.py"], plan.Changed.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["src/m4.py"], plan.Deleted);
        Assert.True(plan.Partial);
    }

    [Fact]
    public void A_path_that_went_away_removes_the_files_under_it_and_an_existing_directory_needs_a_walk()
    {
        using var tree = new TemporaryDirectory();
        tree.Write("gone/a.py");
        tree.Write("gone/b.py");
        tree.Write("kept/c.py");
        var project = new Project("p", tree.Path, tree.Combine(".data"));
        var planner = new IndexPlanner(new WalkOptions());
        var known = planner.Plan(project, new Dictionary<string, FileRecord>(), progress: null).Changed.ToDictionary(f => f.Path);
        Directory.Delete(tree.Combine("gone"), recursive: true);

        var plan = planner.PlanPaths(project, ["gone"], known.Where(f => f.Key.StartsWith("gone/", StringComparison.Ordinal)).ToDictionary())!;

        Assert.Equal(["gone/a.py", "gone/b.py"], plan.Deleted.Order(StringComparer.Ordinal));
        Assert.Null(planner.PlanPaths(project, ["kept"], known));
    }

    [Fact]
    public void The_index_loads_the_records_of_the_paths_asked_and_of_the_files_under_them()
    {
        using var directory = new TemporaryDirectory();
        using var database = IndexDatabase.Open(directory.Combine("index.db"));
        using (var batch = database.BeginBatch())
        {
            foreach (var path in new[] { "a/x.py", "a/y.py", "a.py", "ab/z.py", "b.py" })
            {
                batch.ReplaceFile(new FileRecord(path, 1, 1, "h"), [], []);
            }

            batch.Commit();
        }

        Assert.Equal(["a/x.py", "a/y.py", "b.py"], database.Files.Load(["a", "b.py", "missing.py"]).Keys.Order(StringComparer.Ordinal));
    }
}

using Ragex.Core.Configuration;
using Ragex.Core.Storage;

namespace Ragex.Core.Projects;

/// <summary>
/// The set of registered projects. A project is registered by creating its data directory and database; the root
/// path is kept in a file beside the database (and in its meta table, where homes made before that file have it), so
/// the directory listing is the registry, and a project whose database is broken is still listed (and repaired).
/// </summary>
public sealed class ProjectRegistry(RagexHome home)
{
    public Project Describe(string root)
    {
        var realRoot = RealPath.Resolve(root);
        if (!Directory.Exists(realRoot))
        {
            throw new RagexException($"{root}: not a directory");
        }

        return At(realRoot);
    }

    /// <summary>
    /// Creates the project's data directory, and its database if there is none. An existing database is left to the
    /// project's writer even if it is unreadable: the writer moves it aside and reports it, and a second opener
    /// repairing it at the same moment took that report (the daemon registers on every request, while the
    /// project's writer may be opening).
    /// </summary>
    public Project Register(string root)
    {
        var project = Describe(root);
        home.EnsureCreated();
        RagexHome.CreatePrivateDirectory(project.DataDirectory);
        WriteRootFile(project);
        if (!File.Exists(project.DatabasePath))
        {
            using var database = IndexDatabase.OpenForWriting(project.DatabasePath);
            database.Meta.Set(MetaKeys.Root, project.Root);
        }

        return project;
    }

    public IReadOnlyList<Project> List()
    {
        if (!Directory.Exists(home.ProjectsDirectory))
        {
            return [];
        }

        var projects = new List<Project>();
        foreach (var dataDirectory in Directory.EnumerateDirectories(home.ProjectsDirectory))
        {
            var unread = new Project(Path.GetFileName(dataDirectory), Root: "", dataDirectory);
            var root = File.Exists(unread.RootFilePath) ? File.ReadAllText(unread.RootFilePath)
                : File.Exists(unread.DatabasePath) ? IndexDatabase.ReadRoot(unread.DatabasePath)
                : null;
            if (!string.IsNullOrEmpty(root))
            {
                projects.Add(unread with { Root = root });
            }
        }

        return [.. projects.OrderBy(p => p.Root, StringComparer.Ordinal)];
    }

    /// <summary>The registered project whose root contains <paramref name="path"/>, the deepest one if nested.</summary>
    /// <remarks>
    /// A project's id is derived from its root, so the path and each of its ancestors name the only data directories
    /// that could hold it: a few hashes and file checks, where listing the registry would open every project's
    /// database (this runs on every search).
    /// </remarks>
    public Project? FindContaining(string path)
    {
        for (var directory = RealPath.Resolve(path); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var project = At(directory);
            if (File.Exists(project.RootFilePath) || File.Exists(project.DatabasePath))
            {
                return project;
            }
        }

        return null;
    }

    /// <summary>Finds a project by id, id prefix or any path inside it.</summary>
    public Project? Find(string idOrPath)
    {
        var projects = List();
        var byId = projects.Where(p => p.Id.StartsWith(idOrPath, StringComparison.Ordinal)).ToList();
        if (byId.Count == 1)
        {
            return byId[0];
        }

        return Directory.Exists(idOrPath) || File.Exists(idOrPath) ? FindContaining(idOrPath) : null;
    }

    public void Remove(Project project)
    {
        if (Directory.Exists(project.DataDirectory))
        {
            IndexDatabase.ReleasePooledReaders(project.DatabasePath);
            Directory.Delete(project.DataDirectory, recursive: true);
        }
    }

    /// <summary>Written whole under another name, then renamed: a reader sees the old root file or the new one.</summary>
    private static void WriteRootFile(Project project)
    {
        if (File.Exists(project.RootFilePath) && File.ReadAllText(project.RootFilePath) == project.Root)
        {
            return;
        }

        var written = project.RootFilePath + ".tmp";
        File.WriteAllText(written, project.Root);
        File.Move(written, project.RootFilePath, overwrite: true);
    }

    /// <summary>Where the project rooted at <paramref name="realRoot"/> keeps its data, registered or not.</summary>
    private Project At(string realRoot)
    {
        var id = ProjectId.For(realRoot);
        return new Project(id, realRoot, Path.Combine(home.ProjectsDirectory, id));
    }
}

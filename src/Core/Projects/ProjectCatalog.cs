using Ragex.Core.Storage;
using Ragex.Protocol.Daemon;

namespace Ragex.Core.Projects;

/// <summary>The registered projects with what their committed indexes hold (`ragex ls`, in the daemon or in process).</summary>
public static class ProjectCatalog
{
    public static ProjectList List(ProjectRegistry registry) => new([.. registry.List().Select(Describe)]);

    private static ProjectListing Describe(Project project)
    {
        try
        {
            using var database = IndexDatabase.Open(project.DatabasePath, readOnly: true);
            return new ProjectListing(
                project.Id, project.Root, database.Files.Count(), database.Symbols.Count(), database.Chunks.Count(),
                database.Chunks.CountEmbedded(), database.Meta.Get(MetaKeys.LastIndexed) ?? "never");
        }
        catch (RagexException)
        {
            return new ProjectListing(project.Id, project.Root, 0, 0, 0, 0, "never");
        }
    }
}

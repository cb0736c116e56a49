namespace Ragex.Actors.Tests.Projects;

/// <summary>Tests that lower the machine's inotify watch limit run alone in this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InotifyLimitCollection
{
    public const string Name = "inotify limit";
}

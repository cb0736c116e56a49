namespace Ragex.Actors.Tests.Projects;

/// <summary>
/// Tests that lower the machine's inotify watch limit run alone in this assembly, and (their category
/// <see cref="MachineWide"/>) after every other test assembly has finished: scripts/test runs them last, since a watcher
/// that another test process started meanwhile would fall back to polling and miss its test's deadline.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InotifyLimitCollection
{
    public const string Name = "inotify limit";

    public const string MachineWide = "MachineWide";
}

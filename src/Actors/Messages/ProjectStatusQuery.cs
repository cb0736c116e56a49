namespace Ragex.Actors.Messages;

/// <summary>Asks one project actor for its <see cref="Protocol.Daemon.ProjectStatus"/>.</summary>
public sealed record ProjectStatusQuery
{
    public static ProjectStatusQuery Instance { get; } = new();
}

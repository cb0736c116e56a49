namespace Ragex.Protocol.Daemon;

/// <summary>Stop watching a project and delete its index (never the repository); answered with <see cref="ProjectRemoved"/>.</summary>
/// <param name="IdOrPath">A project id (or unique prefix), or an absolute path inside the project.</param>
public sealed record RemoveProject(string IdOrPath) : IDaemonRequest;

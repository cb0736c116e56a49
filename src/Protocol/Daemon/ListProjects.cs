namespace Ragex.Protocol.Daemon;

/// <summary>Every registered project; answered with <see cref="ProjectList"/>.</summary>
public sealed record ListProjects : IDaemonRequest;

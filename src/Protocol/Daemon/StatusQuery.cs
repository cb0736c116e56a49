namespace Ragex.Protocol.Daemon;

/// <summary>Ask for the daemon's health; answered with <see cref="DaemonStatus"/>.</summary>
public sealed record StatusQuery : IDaemonRequest;

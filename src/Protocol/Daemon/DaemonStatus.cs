namespace Ragex.Protocol.Daemon;

/// <summary>The daemon's health: uptime, memory, and every project's state.</summary>
public sealed record DaemonStatus(string Version, int ProcessId, double UptimeSeconds, long WorkingSetBytes, IReadOnlyList<ProjectStatus> Projects) : IProtocolMessage;

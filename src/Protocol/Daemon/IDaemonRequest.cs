namespace Ragex.Protocol.Daemon;

/// <summary>A request the daemon answers with exactly one reply (or a <see cref="RequestFailed"/>).</summary>
public interface IDaemonRequest : IProtocolMessage;

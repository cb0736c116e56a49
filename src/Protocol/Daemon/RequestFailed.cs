namespace Ragex.Protocol.Daemon;

/// <summary>A request could not be answered; <see cref="Message"/> is the one line shown to the user.</summary>
public sealed record RequestFailed(string Message) : IProtocolMessage;

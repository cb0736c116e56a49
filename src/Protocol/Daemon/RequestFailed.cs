namespace Ragex.Protocol.Daemon;

/// <summary>A request could not be answered; <see cref="Message"/> is the one line shown to the user.</summary>
public sealed record RequestFailed(string Message) : IProtocolMessage
{
    /// <summary>Set when a search named a path no project contains: the client may index it and ask again.</summary>
    public string? NotIndexedPath { get; init; }
}

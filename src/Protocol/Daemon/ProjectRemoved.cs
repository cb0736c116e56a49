namespace Ragex.Protocol.Daemon;

/// <summary>The project's index is gone and nothing watches it any more.</summary>
public sealed record ProjectRemoved(string ProjectId, string Root) : IProtocolMessage;

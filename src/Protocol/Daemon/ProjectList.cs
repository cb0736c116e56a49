namespace Ragex.Protocol.Daemon;

/// <summary>The registered projects, ordered by root.</summary>
public sealed record ProjectList(IReadOnlyList<ProjectListing> Projects) : IProtocolMessage;

namespace Ragex.Protocol.Daemon;

/// <summary>Search as the client's working directory sees it; answered with a <see cref="SearchReply"/>.</summary>
public sealed record SearchQuery(SearchRequest Request, string CurrentDirectory) : IDaemonRequest;

using Ragex.Protocol;

namespace Ragex.Core.Search;

/// <summary>One search mode over one project.</summary>
public interface ISearcher
{
    Task<IReadOnlyList<SearchHit>> SearchAsync(SearchScope scope, SearchRequest request, CancellationToken cancellationToken);
}

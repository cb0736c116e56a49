using Ragex.Core;
using Ragex.Protocol;

namespace Ragex.Cli.Mcp;

/// <summary>
/// Cuts one page out of a ranking: the hits from the cursor's offset on, as many as <c>limit</c> allows and the token
/// budget holds. A first hit too large for the budget alone loses its context lines, then part of its preview.
/// </summary>
public static class HitPager
{
    public static string Answer(string title, SearchReply reply, int offset, int limit, int maxTokens, IHitFormat format, string fingerprint)
    {
        TokenBudget.Check(maxTokens);
        if (offset > 0 && offset >= reply.Hits.Count)
        {
            throw new RagexException($"the cursor points past the last of {reply.Hits.Count} hits (the index changed since that page?); search again without cursor");
        }

        var candidates = reply.Hits.Skip(offset).Take(limit).ToList();
        string Render(IReadOnlyList<SearchHit> hits)
        {
            var end = offset + hits.Count;
            var next = end < reply.Hits.Count ? new PageCursor(fingerprint, end).ToString() : null;
            return format.Render(new HitPage(title, reply, hits, offset, next));
        }

        var empty = Render([]);
        if (!TokenBudget.Fits(empty, maxTokens))
        {
            throw new RagexException($"max_tokens {maxTokens} cannot hold even this answer's header; raise it");
        }

        var page = new HitPage(title, reply, [], offset, null);
        var count = TokenBudget.Fit(candidates, (hit, previous) => format.Entry(page, hit, previous), n => Render(candidates[..n]), maxTokens);
        if (count > 0 || candidates.Count == 0)
        {
            return Render(candidates[..count]);
        }

        return Shrunk(candidates[0]).Select(hit => Render([hit])).FirstOrDefault(answer => TokenBudget.Fits(answer, maxTokens))
            ?? throw new RagexException($"max_tokens {maxTokens} cannot hold one hit of this search; raise it");
    }

    /// <summary>Ever smaller versions of a hit: without context lines, then with half its preview, a quarter, … none.</summary>
    private static IEnumerable<SearchHit> Shrunk(SearchHit hit)
    {
        var bare = hit with { Before = [], After = [] };
        yield return bare;
        for (var length = bare.Preview.Length / 2; length > 0; length /= 2)
        {
            yield return bare with { Preview = bare.Preview[..length] + "…" };
        }

        yield return bare with { Preview = "…" };
    }
}

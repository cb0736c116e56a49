using Ragex.Core.Projects;
using Ragex.Core.Search;
using Ragex.Core.Storage;
using Ragex.Protocol;

namespace Ragex.Core.Tests.Search;

public sealed class ChunkAnswersTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ragex-answers-").FullName;

    private const string Source = """"
        class CookieJar:
            """Collection of HTTP cookies."""

            def add_cookie_header(self, request):
                self._cookies_lock.acquire()

            policy = None

            def make_cookies(self, response, request):
                headers = response.info()
                rfc2965_hdrs = self._policy.rfc2965
                ns_hdrs = headers.get_all("Set-Cookie", [])
                return self._cookies_from_attrs_set(ns_hdrs, request)
        """";

    private SearchHit Answer(string query, StoredChunk chunk, SearchRequest? request = null)
    {
        File.WriteAllText(Path.Combine(root, "cookiejar.py"), Source);
        var scope = new SearchScope(new Project("p", root, Path.Combine(root, ".data")), []);
        return new ChunkAnswers(scope, request ?? new SearchRequest(query, SearchMode.Hybrid), SearchMode.Hybrid).ToHit(new RankedChunk(chunk, 0.5));
    }

    private static StoredChunk Method() => new(1, "cookiejar.py", 9, 13, "CookieJar.make_cookies", "method",
        "cookiejar.py method CookieJar.make_cookies\n" + string.Join('\n', Source.Split('\n')[8..13]));

    [Fact]
    public void A_chunk_hit_points_at_the_line_holding_the_most_query_words_and_keeps_the_chunk_span()
    {
        var hit = Answer("parse the Set-Cookie headers of a response", Method());

        Assert.Equal(12, hit.Line);
        Assert.Equal(9, hit.StartLine);
        Assert.Equal(13, hit.EndLine);
        Assert.Equal("        ns_hdrs = headers.get_all(\"Set-Cookie\", [])", hit.Preview);
        Assert.Equal(hit.Preview.IndexOf("headers", StringComparison.Ordinal) + 1, hit.Column);
        Assert.Equal("CookieJar.make_cookies", hit.Symbol);
    }

    [Fact]
    public void A_class_chunk_of_its_own_lines_finds_its_line_in_the_file_past_the_methods()
    {
        var own = Source.Split('\n');
        var chunk = new StoredChunk(2, "cookiejar.py", 1, 7, "CookieJar", "class", $"cookiejar.py class CookieJar\n{own[0]}\n{own[1]}\n{own[6]}");

        var hit = Answer("cookie policy", chunk);

        Assert.Equal(7, hit.Line);
        Assert.Equal("    policy = None", hit.Preview);
    }

    [Fact]
    public void Without_a_query_word_the_hit_shows_the_chunk_s_first_line()
    {
        var hit = Answer("zebra", Method());

        Assert.Equal(9, hit.Line);
        Assert.Equal(1, hit.Column);
    }

    [Fact]
    public void Full_section_gives_the_chunk_s_other_lines_as_context()
    {
        var hit = Answer("", Method(), new SearchRequest("Set-Cookie headers", SearchMode.Hybrid) { FullSection = true });

        Assert.Equal([9, 10, 11], hit.Before.Select(c => c.Line));
        Assert.Equal([13], hit.After.Select(c => c.Line));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}

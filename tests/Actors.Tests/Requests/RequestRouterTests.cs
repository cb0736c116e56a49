using Akka.Actor;
using Ragex.Actors.Requests;
using Ragex.Core;
using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Tests.Requests;

/// <summary>Fault isolation: a failing request is answered with an error and the router goes on serving.</summary>
public sealed class RequestRouterTests : Akka.TestKit.Xunit2.TestKit
{
    private static SearchQuery Query(string text) => new(new SearchRequest(text, SearchMode.Regex), "/");

    /// <summary>Fault injection only: throws for chosen queries (synchronously or from the task), answers the rest empty.</summary>
    private static Task<SearchReply> FaultInjectingSearch(SearchQuery query, CancellationToken token) => query.Request.Query switch
    {
        "throw-now" => throw new InvalidOperationException("injected synchronous failure"),
        "throw-later" => Task.Run<SearchReply>(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("injected asynchronous failure");
        }, token),
        "bad-input" => Task.FromException<SearchReply>(new RagexException("invalid regex `(`: unclosed group")),
        "hang" => Hang(token),
        "block" => Block(query),
        "huge" => Task.FromResult(HugeReply(query)),
        _ => Task.FromResult(new SearchReply(query.Request.Query, query.Request.Mode, query.Request.Mode, "requested", [], 0)),
    };

    /// <summary>Fault injection only: a read of line 0 fails, any other line answers with that one line.</summary>
    private static Task<CodeSpan> FaultInjectingReadCode(ReadCode request, CancellationToken token) => request.Line switch
    {
        0 => Task.FromException<CodeSpan>(new RagexException("line 0 is not a line number (lines start at 1)")),
        var line => Task.FromResult(new CodeSpan("/r", request.Path!, line!.Value, line.Value, "function", "f", ["def f():"])),
    };

    private static readonly TaskCompletionSource HangCancelled = new();

    /// <summary>Fault injection only: never answers; records that the handler cancelled it.</summary>
    private static async Task<SearchReply> Hang(CancellationToken token)
    {
        token.Register(() => HangCancelled.TrySetResult());
        await Task.Delay(Timeout.Infinite, token);
        throw new InvalidOperationException("unreachable");
    }

    private static readonly ManualResetEventSlim BlockReleased = new();

    /// <summary>Fault injection only: holds its thread and ignores cancellation (a native call that never returns) until released.</summary>
    private static Task<SearchReply> Block(SearchQuery query)
    {
        BlockReleased.Wait(TimeSpan.FromSeconds(30));
        return Task.FromResult(new SearchReply(query.Request.Query, query.Request.Mode, query.Request.Mode, "requested", [], 0));
    }

    /// <summary>Fault injection only: 5,000 hits of 1 kB previews, about 6 MB of JSON.</summary>
    private static SearchReply HugeReply(SearchQuery query) => new(
        query.Request.Query, query.Request.Mode, query.Request.Mode, "requested",
        [.. Enumerable.Range(1, 5000).Select(i => new SearchHit("/r", "a.py", i, 1, i, "match", null, new string('x', 1000), 0, SearchMode.Regex))], 0);

    private IActorRef Router(TimeSpan? deadline = null, int? maximumReplyBytes = null)
    {
        var services = new RagexServices(
            new ProjectRegistry(new RagexHome(Path.GetTempPath())), new EmbedderProvider(Path.GetTempPath()), new(), FaultInjectingSearch)
        {
            ReadCode = FaultInjectingReadCode,
            MaximumReplyBytes = maximumReplyBytes ?? DaemonEndpoint.MaximumFrameBytes,
        };
        return Sys.ActorOf(RequestRouter.Props(services, ActorRefs.Nobody, deadline));
    }

    [Fact]
    public async Task A_request_unanswered_at_its_deadline_gets_an_error_and_its_work_is_cancelled()
    {
        var router = Router(TimeSpan.FromMilliseconds(300));

        router.Tell(Query("hang"));

        Assert.Contains("no answer within", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(5)).Message, StringComparison.Ordinal);
        await HangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        router.Tell(Query("fine"));
        Assert.Equal("fine", ExpectMsg<SearchReply>(TimeSpan.FromSeconds(5)).Query);
    }

    [Fact]
    public void A_search_that_ignores_cancellation_gets_an_error_at_its_deadline_and_the_next_search_succeeds()
    {
        var router = Router(TimeSpan.FromMilliseconds(300));
        try
        {
            router.Tell(Query("block"));
            Assert.Contains("no answer within", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(5)).Message, StringComparison.Ordinal);

            router.Tell(Query("fine"));
            Assert.Equal("fine", ExpectMsg<SearchReply>(TimeSpan.FromSeconds(5)).Query);
            ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        }
        finally
        {
            BlockReleased.Set();
        }
    }

    [Fact]
    public void A_read_of_code_is_answered_and_its_failure_is_an_error_reply()
    {
        var router = Router();

        router.Tell(new ReadCode("a.py", 0, null, "/"));
        Assert.Contains("line 0", ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(5)).Message, StringComparison.Ordinal);

        router.Tell(new ReadCode("a.py", 3, null, "/"));
        var span = ExpectMsg<CodeSpan>(TimeSpan.FromSeconds(5));
        Assert.Equal(("a.py", 3), (span.Path, span.StartLine));
    }

    [Theory]
    [InlineData("throw-now", "internal error")]
    [InlineData("throw-later", "injected asynchronous failure")]
    [InlineData("bad-input", "invalid regex")]
    public void A_failing_request_gets_an_error_and_the_next_request_succeeds(string failing, string expected)
    {
        var router = Router();

        router.Tell(Query(failing));
        var failure = ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(5));
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);

        router.Tell(Query("fine"));
        Assert.Equal("fine", ExpectMsg<SearchReply>(TimeSpan.FromSeconds(5)).Query);
    }

    [Fact]
    public void A_reply_larger_than_a_frame_is_cut_to_fit_and_says_so()
    {
        const int frame = 1 << 20;
        var router = Router(maximumReplyBytes: frame);

        router.Tell(Query("huge"));

        var reply = ExpectMsg<SearchReply>(TimeSpan.FromSeconds(10));
        Assert.True(reply.Truncated);
        Assert.InRange(reply.Hits.Count, 500, 1000);
        Assert.Equal(Enumerable.Range(1, reply.Hits.Count), reply.Hits.Select(h => h.Line));
        Assert.Contains(reply.Notes, n => n.Contains("5000 hits are more than one reply carries", StringComparison.Ordinal));
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(reply, ProtocolJsonContext.Default.SearchReply).Length;
        Assert.InRange(bytes, frame / 2, frame - ReplyFrame.EnvelopeBytes);
    }

    [Fact]
    public void Concurrent_requests_each_get_their_own_answer()
    {
        var router = Router();
        var probes = Enumerable.Range(0, 20).Select(_ => CreateTestProbe()).ToList();

        for (var i = 0; i < probes.Count; i++)
        {
            router.Tell(Query(i % 2 == 0 ? "throw-later" : $"q{i}"), probes[i]);
        }

        for (var i = 0; i < probes.Count; i++)
        {
            // Generous: what is tested is who gets which answer, and CI runs other test assemblies on the same 2 cores.
            if (i % 2 == 0)
            {
                probes[i].ExpectMsg<RequestFailed>(TimeSpan.FromSeconds(20));
            }
            else
            {
                Assert.Equal($"q{i}", probes[i].ExpectMsg<SearchReply>(TimeSpan.FromSeconds(20)).Query);
            }

            probes[i].ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        }
    }
}

using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Requests;

/// <summary>
/// Answers one search and stops. The search runs as a task piped back to the handler; a failure becomes a
/// <see cref="RequestFailed"/>. If the handler itself crashes, its parent (<see cref="RequestRouter"/>) answers.
/// </summary>
public sealed class SearchHandler : ReceiveActor
{
    private readonly SearchQuery query;
    private readonly Func<SearchQuery, CancellationToken, Task<SearchReply>> search;
    private readonly CancellationTokenSource cancellation = new();

    public SearchHandler(SearchQuery query, Func<SearchQuery, CancellationToken, Task<SearchReply>> search)
    {
        this.query = query;
        this.search = search;
        Receive<SearchReply>(reply => Finish(reply));
        Receive<Status.Failure>(failure => Finish(FailureMessage.ToReply(failure.Cause)));
    }

    public static Props Props(SearchQuery query, Func<SearchQuery, CancellationToken, Task<SearchReply>> search) =>
        Akka.Actor.Props.Create(() => new SearchHandler(query, search));

    protected override void PreStart() =>
        search(query, cancellation.Token).PipeTo(Self, failure: e => new Status.Failure(e));

    protected override void PostStop() => cancellation.Cancel();

    private void Finish(object reply)
    {
        Context.Parent.Tell(new HandlerFinished(reply));
        Context.Stop(Self);
    }
}

using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Requests;

/// <summary>
/// Answers one read-only request (a search, a read of code) and stops. The answer runs as a task piped back to the
/// handler; a failure becomes a <see cref="RequestFailed"/>. If the handler itself crashes, its parent
/// (<see cref="RequestRouter"/>) answers.
/// </summary>
public sealed class RequestHandler : ReceiveActor
{
    private readonly Func<CancellationToken, Task<IProtocolMessage>> answer;
    private readonly CancellationTokenSource cancellation = new();

    public RequestHandler(Func<CancellationToken, Task<IProtocolMessage>> answer)
    {
        this.answer = answer;
        Receive<Status.Failure>(failure => Finish(FailureMessage.ToReply(failure.Cause)));
        Receive<IProtocolMessage>(reply => Finish(reply));
    }

    public static Props Props(Func<CancellationToken, Task<IProtocolMessage>> answer) =>
        Akka.Actor.Props.Create(() => new RequestHandler(answer));

    protected override void PreStart() =>
        answer(cancellation.Token).PipeTo(Self, failure: e => new Status.Failure(e));

    protected override void PostStop() => cancellation.Cancel();

    private void Finish(object reply)
    {
        Context.Parent.Tell(new HandlerFinished(reply));
        Context.Stop(Self);
    }
}

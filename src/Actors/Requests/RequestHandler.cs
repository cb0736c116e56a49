using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Requests;

/// <summary>
/// Answers one read-only request (a search, a read of code) and stops. The answer runs as a task on the thread pool
/// (the searchers block on SQLite, FAISS and the model), piped back to the handler; a failure becomes a
/// <see cref="RequestFailed"/>, and so does a request still unanswered at its deadline, whose work is then cancelled
/// (a ripgrep or ctags child is killed). If the handler itself crashes, its parent (<see cref="RequestRouter"/>) answers.
/// </summary>
public sealed class RequestHandler : ReceiveActor, IWithTimers
{
    /// <summary>Shorter than the CLI's own wait (60 s), so the client hears why.</summary>
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(50);

    private readonly Func<CancellationToken, Task<IProtocolMessage>> answer;
    private readonly TimeSpan deadline;
    private readonly CancellationTokenSource cancellation = new();

    public RequestHandler(Func<CancellationToken, Task<IProtocolMessage>> answer, TimeSpan deadline)
    {
        this.answer = answer;
        this.deadline = deadline;
        Receive<Status.Failure>(failure => Finish(FailureMessage.ToReply(failure.Cause)));
        Receive<IProtocolMessage>(reply => Finish(reply));
        Receive<DeadlinePassed>(_ =>
        {
            cancellation.Cancel();
            Finish(new RequestFailed($"no answer within {deadline.TotalSeconds:0} s; the request was cancelled (see `ragex log`)"));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Func<CancellationToken, Task<IProtocolMessage>> answer, TimeSpan? deadline = null) =>
        Akka.Actor.Props.Create(() => new RequestHandler(answer, deadline ?? DefaultDeadline));

    protected override void PreStart()
    {
        Timers.StartSingleTimer(DeadlinePassed.Instance, DeadlinePassed.Instance, deadline);
        var token = cancellation.Token;
        Task.Run(() => answer(token), token).PipeTo(Self, failure: e => new Status.Failure(e));
    }

    protected override void PostStop() => cancellation.Cancel();

    private void Finish(object reply)
    {
        Context.Parent.Tell(new HandlerFinished(reply));
        Context.Stop(Self);
    }

    private sealed class DeadlinePassed
    {
        public static readonly DeadlinePassed Instance = new();
    }
}

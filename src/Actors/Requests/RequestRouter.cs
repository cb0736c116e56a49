using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Core.Projects;
using Ragex.Protocol;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Requests;

/// <summary>
/// The daemon's front door. Each search or read of code gets its own short-lived <see cref="RequestHandler"/> child, so one failing
/// request cannot affect another; indexing, status and removal go to the <see cref="Projects.ProjectsSupervisor"/>.
/// Every request gets exactly one reply: a handler that dies before answering is answered for.
/// </summary>
public sealed class RequestRouter : ReceiveActor
{
    private readonly Dictionary<IActorRef, IActorRef> clientsByHandler = [];

    private readonly TimeSpan? deadline;

    private readonly int maximumReplyBytes;

    public RequestRouter(RagexServices services, IActorRef projects, TimeSpan? deadline = null)
    {
        this.deadline = deadline;
        maximumReplyBytes = services.MaximumReplyBytes;
        Receive<SearchQuery>(query => Handle(async token => await services.Search(query, token)));
        Receive<ReadCode>(request => Handle(async token => await services.ReadCode(request, token)));
        Receive<HandlerFinished>(finished =>
        {
            if (clientsByHandler.Remove(Sender, out var client))
            {
                client.Tell(finished.Reply);
            }
        });
        Receive<Terminated>(terminated =>
        {
            if (clientsByHandler.Remove(terminated.ActorRef, out var client))
            {
                client.Tell(new RequestFailed("internal error: the request handler stopped before answering"));
            }
        });
        Receive<IndexProject>(request => projects.Forward(request));
        Receive<StatusQuery>(request => projects.Forward(request));
        Receive<RemoveProject>(request => projects.Forward(request));

        // Reads committed indexes only; a task, so a slow disk never holds up the router.
        Receive<ListProjects>(_ => Task.Run(() => (object)ProjectCatalog.List(services.Registry))
            .PipeTo(Sender, failure: e => FailureMessage.ToReply(e)));
    }

    private void Handle(Func<CancellationToken, Task<IProtocolMessage>> answer)
    {
        var maximum = maximumReplyBytes;
        var handler = Context.ActorOf(RequestHandler.Props(async token => ReplyFrame.Fit(await answer(token), maximum), deadline));
        Context.Watch(handler);
        clientsByHandler[handler] = Sender;
    }

    /// <param name="deadline">How long a search or read of code may take; <see cref="RequestHandler.DefaultDeadline"/> if null.</param>
    public static Props Props(RagexServices services, IActorRef projects, TimeSpan? deadline = null) =>
        Akka.Actor.Props.Create(() => new RequestRouter(services, projects, deadline));

    /// <summary>Handlers are stopped on any failure (never restarted: a request is answered once); see Terminated.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Stop);
}

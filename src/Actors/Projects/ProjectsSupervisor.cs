using System.Diagnostics;
using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Projects;

/// <summary>
/// Parent of one <see cref="ProjectActor"/> per registered project. At start it restores every project from the
/// registry and reconciles it with the disk (changes made while the daemon was down are indexed).
/// </summary>
public sealed class ProjectsSupervisor : ReceiveActor
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(5);
    private readonly RagexServices services;
    private readonly IActorRef embedderPool;
    private readonly Dictionary<IActorRef, (Core.Projects.Project Project, IActorRef ReplyTo)> removals = [];
    private readonly Stopwatch uptime = Stopwatch.StartNew();

    public ProjectsSupervisor(RagexServices services, IActorRef embedderPool)
    {
        this.services = services;
        this.embedderPool = embedderPool;
        Receive<IndexProject>(request =>
        {
            try
            {
                var project = services.Registry.Register(request.Root);
                ChildFor(project).Forward(request);
            }
            catch (Exception e)
            {
                Sender.Tell(new RequestFailed(FailureMessage.Describe(e)));
            }
        });
        Receive<StatusQuery>(_ => StatusAsync().PipeTo(Sender));
        Receive<RemoveProject>(Remove);
        Receive<Terminated>(terminated =>
        {
            if (removals.Remove(terminated.ActorRef, out var removal))
            {
                Delete(removal.Project, removal.ReplyTo);
            }
        });
    }

    public static Props Props(RagexServices services, IActorRef embedderPool) =>
        Akka.Actor.Props.Create(() => new ProjectsSupervisor(services, embedderPool));

    protected override void PreStart()
    {
        foreach (var project in services.Registry.List())
        {
            ChildFor(project).Tell(ReconcileProject.Instance);
        }
    }

    /// <summary>A failing project restarts (up to 10 times a minute) and never stops the others.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(10, TimeSpan.FromMinutes(1), _ => Directive.Restart);

    /// <summary>The project's actors stop first (watcher, writer), then its index is deleted.</summary>
    private void Remove(RemoveProject request)
    {
        var project = services.Registry.Find(request.IdOrPath);
        if (project is null)
        {
            Sender.Tell(new RequestFailed($"{request.IdOrPath}: no such indexed project"));
            return;
        }

        var child = Context.Child(project.Id);
        if (child.IsNobody())
        {
            Delete(project, Sender);
            return;
        }

        removals[child] = (project, Sender);
        Context.Watch(child);
        Context.Stop(child);
    }

    private void Delete(Core.Projects.Project project, IActorRef replyTo)
    {
        try
        {
            services.Registry.Remove(project);
            replyTo.Tell(new ProjectRemoved(project.Id, project.Root));
        }
        catch (Exception e)
        {
            replyTo.Tell(FailureMessage.ToReply(e));
        }
    }

    private IActorRef ChildFor(Core.Projects.Project project) =>
        Context.Child(project.Id) is var existing && !existing.IsNobody() ? existing : Context.ActorOf(ProjectActor.Props(project, services, embedderPool), project.Id);

    private async Task<DaemonStatus> StatusAsync()
    {
        var children = Context.GetChildren().ToList();
        var pool = embedderPool.Ask<EmbedderPoolStatus>(EmbedderPoolStatusQuery.Instance, StatusTimeout);
        var statuses = await Task.WhenAll(children.Select(c => c.Ask<ProjectStatus>(ProjectStatusQuery.Instance, StatusTimeout)));
        var embedders = await pool;
        using var process = Process.GetCurrentProcess();
        return new DaemonStatus(
            typeof(ProjectsSupervisor).Assembly.GetName().Version?.ToString() ?? "0",
            Environment.ProcessId,
            uptime.Elapsed.TotalSeconds,
            process.WorkingSet64,
            [.. statuses.OrderBy(s => s.Root, StringComparer.Ordinal)])
        {
            EmbedderSessions = embedders.Workers,
            EmbedderBusy = embedders.Busy,
            EmbedderQueued = embedders.Queued,
            EmbedderNodes = embedders.Nodes,
            EmbeddingRetries = embedders.Retries,
            DuplicateEmbeddingsDropped = embedders.DuplicatesDropped,
        };
    }
}

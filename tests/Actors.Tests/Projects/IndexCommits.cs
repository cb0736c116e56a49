using Akka.Actor;
using Ragex.Actors.Messages;

namespace Ragex.Actors.Tests.Projects;

/// <summary>
/// The <see cref="ProjectIndexCommitted"/> events of an actor system (a project's run or transformer pass committed),
/// to await instead of sleeping: a test looks again at what it waits for after each one.
/// </summary>
internal sealed class IndexCommits : IDisposable
{
    private readonly IActorRef listener;
    private TaskCompletionSource next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IndexCommits(ActorSystem system)
    {
        Action signal = () => Interlocked.Exchange(ref next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        listener = system.ActorOf(Props.Create(() => new Listener(signal)));
        system.EventStream.Subscribe(listener, typeof(ProjectIndexCommitted));
    }

    /// <summary>Completes at the first commit after it was read: read it before looking, await it after.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    /// <summary>The probe's value once done, looked at now and after each commit (see <see cref="Until.ChangedAsync"/>).</summary>
    public Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string failure) =>
        Until.ChangedAsync(() => Next, probe, done, timeout, _ => failure);

    public void Dispose() => listener.Tell(PoisonPill.Instance);

    private sealed class Listener : ReceiveActor
    {
        public Listener(Action signal) => ReceiveAny(_ => signal());
    }
}

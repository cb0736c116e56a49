using Akka.Actor;
using Akka.Configuration;

namespace Ragex.Actors;

/// <summary>
/// The dispatcher of the actors that hold a thread for long: the index writers (SQLite commits, FAISS snapshots) and
/// the embedder workers (a model call). Chunkers stay on the default dispatcher: they mostly await ctags. Its own
/// threads, so the default dispatcher (remoting, the request router, project actors answering status) never waits
/// behind them. Searches do not come here: each handler runs its search as a task with a deadline.
/// </summary>
public static class BlockingDispatcher
{
    public const string Id = "ragex.blocking-dispatcher";

    /// <summary>
    /// A thread of its own per actor (Akka's PinnedDispatcher), parked while its mailbox is empty. A shared fork-join
    /// pool of 4 threads made the kernel's 1,000-file rewrite 18 -> 30 s on 2 cores: its idle workers spin, taking the
    /// cores ctags needs, and chunkers (which mostly await ctags) waited behind commits.
    /// </summary>
    public const string Hocon = """
        ragex.blocking-dispatcher {
          type = PinnedDispatcher
          executor = fork-join-executor
        }
        """;

    /// <summary>
    /// These props on the blocking dispatcher. The daemon declares it in its HOCON; a system whose configuration lacks
    /// it (a test's) gets it declared here first, as Akka's own modules inject their defaults, so both run the same tree.
    /// </summary>
    public static Props On(Props props, ActorSystem system)
    {
        if (!system.Dispatchers.HasDispatcher(Id))
        {
            system.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString(Hocon));
        }

        return props.WithDispatcher(Id);
    }
}

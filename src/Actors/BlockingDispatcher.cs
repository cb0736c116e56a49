using Akka.Actor;
using Akka.Configuration;

namespace Ragex.Actors;

/// <summary>
/// The dispatcher of the actors that hold a thread for long: the index writers (SQLite commits, FAISS snapshots), the
/// chunkers (chunking and static vectors between ctags' outputs) and the embedder workers (a model call). Its own
/// threads, so the default dispatcher (remoting, the request router, project actors answering status) never waits
/// behind them. Searches do not come here: each handler runs its search as a task with a deadline.
/// </summary>
public static class BlockingDispatcher
{
    public const string Id = "ragex.blocking-dispatcher";

    /// <summary>
    /// One thread per core, at least 4 (a project's writer and chunkers plus an embedder session on 2 cores), at most
    /// 32; one message per turn, so a long commit of one project never delays another project's next message further.
    /// </summary>
    public const string Hocon = """
        ragex.blocking-dispatcher {
          type = Dispatcher
          executor = fork-join-executor
          fork-join-executor {
            parallelism-min = 4
            parallelism-factor = 1.0
            parallelism-max = 32
          }
          throughput = 1
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

using Akka.Configuration;
using Ragex.Actors.Embedding;

namespace Ragex.Host;

/// <summary>The daemon's shared embedder pool (<c>ragex.embedding</c>); only the daemon has one, so only it reads these keys.</summary>
public static class EmbedderPoolSettings
{
    public static EmbedderPoolOptions From(Config config)
    {
        var embedding = config.GetConfig("ragex.embedding");
        return new EmbedderPoolOptions
        {
            Sessions = embedding.GetInt("sessions"),
            QueueCapacity = embedding.GetInt("queue-capacity"),
            InFlightPerProject = embedding.GetInt("in-flight-per-project"),
            MaxTextsPerCall = config.GetConfig("ragex.index").GetInt("embedding-batch-size"),
        };
    }
}

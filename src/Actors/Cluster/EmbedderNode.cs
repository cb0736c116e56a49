using Akka.Actor;

namespace Ragex.Actors.Cluster;

/// <summary>The router's view of one embedder node: where its service is, whether it is reachable, what it holds.</summary>
internal sealed class EmbedderNode(Address address, ActorSelection service)
{
    public Address Address { get; } = address;

    public ActorSelection Service { get; } = service;

    public bool Reachable { get; set; } = true;

    /// <summary>Until then the node is skipped: it refused a batch because its queue was full.</summary>
    public DateTime RefusingUntil { get; set; }

    public HashSet<long> InFlight { get; } = [];

    public long BatchesEmbedded { get; set; }

    public long ChunksEmbedded { get; set; }
}

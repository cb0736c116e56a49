using Akka.Actor;

namespace Ragex.Actors.Messages;

/// <summary>From the pool to one worker: requests (possibly from several projects) embedded as one model batch.</summary>
public sealed record EmbedWork(IReadOnlyList<(EmbedChunks Request, IActorRef ReplyTo)> Requests);

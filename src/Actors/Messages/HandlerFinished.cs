namespace Ragex.Actors.Messages;

/// <summary>A request handler's answer, sent to the router, which forwards it to the client.</summary>
public sealed record HandlerFinished(object Reply);

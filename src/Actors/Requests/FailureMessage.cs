using Ragex.Core;
using Ragex.Protocol.Daemon;

namespace Ragex.Actors.Requests;

/// <summary>The one line a client sees for a failure: the user-facing message of a RagexException, else the type and message.</summary>
public static class FailureMessage
{
    public static string Describe(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        RagexException ragex => ragex.Message,
        _ => $"internal error: {exception.GetType().Name}: {exception.Message}",
    };

    /// <summary>The reply for a failed request, carrying what a client can act on (a path that is not indexed).</summary>
    public static RequestFailed ToReply(Exception exception) => new(Describe(exception))
    {
        NotIndexedPath = (exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception) is RagexException ragex
            ? ragex.NotIndexedPath
            : null,
    };
}

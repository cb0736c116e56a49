using Ragex.Core;

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
}

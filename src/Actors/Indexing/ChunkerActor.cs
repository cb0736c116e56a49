using Akka.Actor;
using Ragex.Actors.Messages;
using Ragex.Actors.Requests;
using Ragex.Core.Indexing;

namespace Ragex.Actors.Indexing;

/// <summary>
/// Runs ctags over one batch of files and chunks them, one batch at a time (the mailbox waits while ctags runs); a
/// project has a pool of these, one per core, on the <see cref="BlockingDispatcher"/> (chunking holds the thread).
/// Every request is answered, a failure with the batch marked failed, so the run it belongs to never waits forever.
/// </summary>
public sealed class ChunkerActor : ReceiveActor
{
    private readonly CancellationTokenSource cancellation = new();

    public ChunkerActor(FileParser parser)
    {
        ReceiveAsync<ParseFiles>(async request =>
        {
            var replyTo = Sender;
            try
            {
                var batch = await parser.ParseAsync(request.Project, request.Files, cancellation.Token, request.StaticVectors);
                replyTo.Tell(new FilesParsed(request.Run, batch, Error: null));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var failed = new ParsedFiles([], [.. request.Files.Select(f => f.Path)]);
                replyTo.Tell(new FilesParsed(request.Run, failed, FailureMessage.Describe(e)));
            }
        });
    }

    public static Props Props(FileParser parser) => Akka.Actor.Props.Create(() => new ChunkerActor(parser));

    protected override void PostStop() => cancellation.Cancel();
}

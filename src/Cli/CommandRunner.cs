using Ragex.Core;

namespace Ragex.Cli;

/// <summary>Runs a command body and turns any failure into one line on stderr and exit code 2.</summary>
public static class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, bool verbose, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (RagexException e)
        {
            return Fail(context, e.Message, verbose ? e : null);
        }
        catch (OperationCanceledException)
        {
            return Fail(context, "cancelled", null);
        }
        catch (Exception e)
        {
            return Fail(context, $"internal error: {e.GetType().Name}: {e.Message}", verbose ? e : null);
        }
    }

    private static int Fail(CliContext context, string message, Exception? detail)
    {
        context.Error.WriteLine($"ragex: {message}");
        if (detail is not null)
        {
            context.Error.WriteLine(detail.ToString());
        }

        return ExitCodes.Error;
    }
}

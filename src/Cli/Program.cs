using Ragex.Cli;

var exitCode = await RagexCommandLine.RunAsync(args, CliContext.FromEnvironment());
Console.Out.Flush();
Console.Error.Flush();

// Exit at once: a client ActorSystem may still be shutting down in the background, and nothing is left to wait for.
Environment.Exit(exitCode);
return exitCode;

using Ragex.Cli;

return await RagexCommandLine.RunAsync(args, CliContext.FromEnvironment());

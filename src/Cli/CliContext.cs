using Ragex.Core.Configuration;
using Ragex.Core.Projects;

namespace Ragex.Cli;

/// <summary>What a command runs against: the data home, the working directory and the two output streams.</summary>
public sealed record CliContext(RagexHome Home, string CurrentDirectory, TextWriter Out, TextWriter Error, bool Interactive)
{
    public ProjectRegistry Registry { get; } = new(Home);

    public static CliContext FromEnvironment() => new(
        RagexHome.FromEnvironment(),
        Environment.CurrentDirectory,
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected);
}

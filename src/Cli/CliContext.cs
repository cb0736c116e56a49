using Ragex.Core.Configuration;
using Ragex.Core.Embedding;
using Ragex.Core.Projects;

namespace Ragex.Cli;

/// <summary>
/// What a command runs against: the data home, where embedding models are installed, the working directory and the
/// two output streams.
/// </summary>
public sealed record CliContext(RagexHome Home, string ModelsDirectory, string CurrentDirectory, TextWriter Out, TextWriter Error, bool Interactive)
{
    public ProjectRegistry Registry { get; } = new(Home);

    public static CliContext FromEnvironment()
    {
        var home = RagexHome.FromEnvironment();
        return new(
            home,
            EmbedderProvider.ModelsDirectoryFor(home),
            Environment.CurrentDirectory,
            Console.Out,
            Console.Error,
            !Console.IsOutputRedirected);
    }

    public EmbedderProvider CreateEmbedderProvider() => new(ModelsDirectory);
}

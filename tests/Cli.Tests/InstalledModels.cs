using Ragex.Core.Configuration;
using Ragex.Core.Embedding;

namespace Ragex.Cli.Tests;

/// <summary>The embedding models scripts/setup installed (the test process's own home, not a test's temporary one).</summary>
public static class InstalledModels
{
    public static string Directory { get; } = EmbedderProvider.ModelsDirectoryFor(RagexHome.FromEnvironment());
}

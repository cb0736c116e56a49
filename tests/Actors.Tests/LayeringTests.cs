using System.Reflection;

namespace Ragex.Actors.Tests;

/// <summary>The project graph of docs/architecture: the engine knows nothing of actors, hosts or the CLI.</summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData("Ragex.Core", new[] { "Akka", "Ragex.Actors", "Ragex.Host", "ragex", "Spectre.Console", "System.CommandLine" })]
    [InlineData("Ragex.Protocol", new[] { "Ragex.Core", "Akka.Remote", "Microsoft.Data.Sqlite", "Microsoft.ML.OnnxRuntime" })]
    [InlineData("Ragex.Actors", new[] { "Ragex.Host", "ragex" })]
    public void An_assembly_does_not_reference_layers_above_it(string assembly, string[] forbidden)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)));
    }
}

using System.Reflection;

namespace Ragex.Actors.Tests;

/// <summary>
/// The project graph of docs/architecture: the engine and the messages know nothing of Akka, actors, hosts or the CLI;
/// the actors know nothing of how a host wires them (Akka.Hosting).
/// Checked over everything an assembly reaches, not just what it names: a project reference brings its packages along.
/// </summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData("Ragex.Core", new[] { "Akka", "Ragex.Settings", "Ragex.Remoting", "Ragex.Actors", "Ragex.Host", "ragex", "Spectre.Console", "System.CommandLine" })]
    [InlineData("Ragex.Protocol", new[] { "Akka", "Ragex.Core", "Ragex.Settings", "Microsoft.Data.Sqlite", "Microsoft.ML.OnnxRuntime" })]
    [InlineData("Ragex.Settings", new[] { "Akka.Remote", "Akka.Cluster", "Ragex.Remoting", "Ragex.Actors", "Ragex.Host", "ragex" })]
    [InlineData("Ragex.Remoting", new[] { "Ragex.Core", "Ragex.Actors", "Ragex.Host", "ragex" })]
    [InlineData("Ragex.Actors", new[] { "Ragex.Host", "ragex", "Akka.Hosting", "Akka.Cluster.Hosting", "Akka.Remote.Hosting" })]
    public void An_assembly_does_not_reach_layers_above_it(string assembly, string[] forbidden)
    {
        var reached = Reachable(assembly);

        Assert.DoesNotContain(reached, r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    /// <summary>Every assembly name reachable through references, loading each to follow its own (names that do not load, such as some framework facades, still count).</summary>
    private static SortedSet<string> Reachable(string root)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([Assembly.Load(root).GetName()]);
        while (pending.TryPop(out var name))
        {
            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                continue;
            }

            foreach (var reference in loaded.GetReferencedAssemblies())
            {
                if (reached.Add(reference.Name!))
                {
                    pending.Push(reference);
                }
            }
        }

        return reached;
    }
}

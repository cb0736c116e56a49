namespace Ragex.Actors.Messages;

/// <summary>Bring a project up to date with its tree (at daemon start, after lost watch events); nobody waits for a reply.</summary>
public sealed record ReconcileProject
{
    public static ReconcileProject Instance { get; } = new();
}

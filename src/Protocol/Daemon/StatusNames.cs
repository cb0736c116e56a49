namespace Ragex.Protocol.Daemon;

/// <summary>The names text output prints for states and phases: the same as their JSON.</summary>
public static class StatusNames
{
    public static string Of(ProjectState state) => state switch
    {
        ProjectState.Indexing => "indexing",
        ProjectState.Embedding => "embedding",
        ProjectState.Polling => "polling",
        _ => "watching",
    };

    public static string Of(IndexPhase phase) => phase switch
    {
        IndexPhase.Scanning => "scanning",
        IndexPhase.Parsing => "parsing",
        _ => "embedding",
    };
}

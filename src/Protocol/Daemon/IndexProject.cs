namespace Ragex.Protocol.Daemon;

/// <summary>
/// Register a root (if new), index it and keep watching it; answered with <see cref="ProjectIndexed"/> once every
/// chunk is searchable in every mode (the static tier), or, with <paramref name="WaitForAllTiers"/>, once the
/// transformer tier is complete too.
/// </summary>
public sealed record IndexProject(string Root, bool Embeddings = true, bool WaitForAllTiers = false) : IDaemonRequest;

namespace Ragex.Protocol.Daemon;

/// <summary>Register a root (if new), index it and keep watching it; answered with <see cref="ProjectIndexed"/>.</summary>
public sealed record IndexProject(string Root, bool Embeddings = true) : IDaemonRequest;

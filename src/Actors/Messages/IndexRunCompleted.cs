using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>An indexing run of a project finished (sent by the run's task to its project actor).</summary>
public sealed record IndexRunCompleted(IndexSummary Summary);

using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>vectors.faiss matches the database; the run is complete.</summary>
public sealed record VectorsRefreshed(int Run, IndexCounts Counts);

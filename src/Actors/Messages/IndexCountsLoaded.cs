using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>
/// From the index writer once it has opened the index: what it holds. The project keeps these counts for status and
/// updates them from the writer's later replies (<see cref="ScanFinished"/>, <see cref="EmbeddingsStored"/>,
/// <see cref="VectorsRefreshed"/>), so no status call queries the database.
/// </summary>
public sealed record IndexCountsLoaded(IndexCounts Counts);

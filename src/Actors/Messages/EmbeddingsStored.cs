namespace Ragex.Actors.Messages;

/// <summary>From the index writer: a <see cref="StoreEmbeddings"/> of <paramref name="Count"/> chunks is committed.</summary>
public sealed record EmbeddingsStored(int Run, int Count);

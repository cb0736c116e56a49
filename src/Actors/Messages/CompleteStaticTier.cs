namespace Ragex.Actors.Messages;

/// <summary>
/// To the index writer after <see cref="FinishScan"/>: give every chunk still without a static vector one (all of them
/// when the table changed), then bring static.faiss up to date; answered with <see cref="VectorsRefreshed"/>.
/// </summary>
public sealed record CompleteStaticTier(int Run);

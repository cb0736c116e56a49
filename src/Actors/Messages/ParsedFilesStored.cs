namespace Ragex.Actors.Messages;

/// <summary>
/// From the index writer: a <see cref="StoreParsedFiles"/> batch is committed (the project sends more only then), in
/// <paramref name="Seconds"/>.
/// </summary>
public sealed record ParsedFilesStored(int Run, double Seconds);

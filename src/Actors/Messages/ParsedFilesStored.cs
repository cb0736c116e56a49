namespace Ragex.Actors.Messages;

/// <summary>From the index writer: a <see cref="StoreParsedFiles"/> batch is committed (the project sends more only then).</summary>
public sealed record ParsedFilesStored(int Run);

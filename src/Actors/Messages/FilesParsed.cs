using Ragex.Core.Indexing;

namespace Ragex.Actors.Messages;

/// <summary>A chunker's answer to <see cref="ParseFiles"/>; <paramref name="Error"/> says why a batch failed outright.</summary>
public sealed record FilesParsed(int Run, ParsedFiles Batch, string? Error);

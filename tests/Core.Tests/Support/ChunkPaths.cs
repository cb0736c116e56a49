using Ragex.Core.Chunking;

namespace Ragex.Core.Tests.Support;

/// <summary>Hand-made chunks get the path words the <see cref="Chunker"/> gives the chunks of a file.</summary>
internal static class ChunkPaths
{
    public static Chunk In(this Chunk chunk, string path) => chunk with { PathWords = IdentifierWords.OfPath(path) };
}

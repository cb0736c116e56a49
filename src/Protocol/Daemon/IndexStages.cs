using System.Globalization;

namespace Ragex.Protocol.Daemon;

/// <summary>
/// Where an indexing run's time went, in seconds of work summed over the workers that did it: two chunkers run ctags
/// at once, and the writer stores while they parse, so the stages overlap and add up to more than the run's wall time.
/// <see cref="Ctags"/> includes reading its output; <see cref="Chunking"/> reading the files, inferring definition
/// extents and cutting chunks; <see cref="StaticVectors"/> the static tier's table lookups for
/// <see cref="StaticVectorChunks"/> chunks; <see cref="Store"/> the writer's commits of parsed files;
/// <see cref="Completion"/> the end of the run (rebuilding what a bulk load dropped, completing the static tier and
/// its vector index).
/// </summary>
public sealed record IndexStages(
    double Walk, double Ctags, double Chunking, double StaticVectors, long StaticVectorChunks, double Store, double Completion)
{
    public static readonly IndexStages None = new(0, 0, 0, 0, 0, 0, 0);

    public IndexStages Plus(IndexStages other) => new(
        Walk + other.Walk,
        Ctags + other.Ctags,
        Chunking + other.Chunking,
        StaticVectors + other.StaticVectors,
        StaticVectorChunks + other.StaticVectorChunks,
        Store + other.Store,
        Completion + other.Completion);

    /// <summary>One line for people, with the rates of the stages that handle <paramref name="parsedFiles"/> files.</summary>
    public string Describe(int parsedFiles) => string.Create(
        CultureInfo.InvariantCulture,
        $"walk {Walk:0.0} s, ctags {Ctags:0.0} s{Rate(parsedFiles, Ctags, "files")}, chunking {Chunking:0.0} s{Rate(parsedFiles, Chunking, "files")}, "
        + $"static vectors {StaticVectors:0.0} s{Rate(StaticVectorChunks, StaticVectors, "chunks")}, store {Store:0.0} s{Rate(parsedFiles, Store, "files")}, "
        + $"completion {Completion:0.0} s (seconds of work, summed over workers)");

    private static string Rate(long count, double seconds, string unit) =>
        count == 0 || seconds <= 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({count / seconds:N0} {unit}/s)");
}

using Ragex.Core.VectorIndex;

namespace Ragex.Core.Storage;

/// <summary>Reads of the chunks' stored vectors (one column per tier), for building and reranking the vector indexes.</summary>
public sealed class VectorQueries
{
    private readonly IndexCommands commands;

    internal VectorQueries(IndexCommands commands) => this.commands = commands;

    /// <summary>
    /// Every stored vector of one tier in id order, for rebuilding its vector index (keyword-only chunks hold none).
    /// </summary>
    public IEnumerable<(long Id, float[] Vector)> All(VectorTier tier) =>
        Read(commands, $"SELECT id, {tier.Column} FROM chunks WHERE length({tier.Column}) > 0 ORDER BY id");

    /// <summary>The stored vectors of one tier for these chunk ids (ids without one are left out).</summary>
    public IEnumerable<(long Id, float[] Vector)> Of(VectorTier tier, IReadOnlyCollection<long> ids) =>
        Read(
            commands,
            $"SELECT id, {tier.Column} FROM chunks WHERE id IN (SELECT value FROM json_each($ids)) AND length({tier.Column}) > 0",
            ("$ids", IndexCommands.JsonArray(ids)));

    /// <summary>
    /// About <paramref name="size"/> of the tier's <paramref name="count"/> stored vectors, spread over the whole index
    /// (what an IVF index trains on): the chunks at an even stride of ids, each read by its id, so that only their
    /// pages are read; a scan of the kernel's chunk table took 5-20 s. Ids without a chunk or a vector are passed over,
    /// and the stride assumes the vectors spread evenly over the ids.
    /// </summary>
    public IEnumerable<float[]> Sample(VectorTier tier, int size, long count)
    {
        var first = commands.Scalar("SELECT ifnull(min(id), 0) FROM chunks");
        var last = commands.Scalar("SELECT ifnull(max(id), 0) FROM chunks");
        using var command = commands.Command(
            $"""
            WITH RECURSIVE picked(id) AS (SELECT $first UNION ALL SELECT id + $step FROM picked WHERE id + $step <= $last)
            SELECT c.{tier.Column} FROM picked CROSS JOIN chunks c ON c.id = picked.id WHERE length(c.{tier.Column}) > 0
            """,
            ("$first", first),
            ("$last", last),
            ("$step", Math.Max(1, count / Math.Max(1, size))));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return EmbeddingBlob.ToVector((byte[])reader.GetValue(0));
        }
    }

    /// <summary>(chunk id, vector) rows of a query that selects an id and an embedding blob, read as they are enumerated.</summary>
    internal static IEnumerable<(long Id, float[] Vector)> Read(IndexCommands commands, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = commands.Command(sql, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), EmbeddingBlob.ToVector((byte[])reader.GetValue(1)));
        }
    }
}

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
    /// About <paramref name="size"/> of the tier's <paramref name="count"/> stored vectors, spread over the whole index:
    /// a multiplicative hash of the id picks them (what an IVF index trains on).
    /// </summary>
    public IEnumerable<float[]> Sample(VectorTier tier, int size, long count)
    {
        const long Buckets = 1 << 20;
        var threshold = count <= size ? Buckets : Math.Max(1, Buckets * size / count);
        using var command = commands.Command(
            $"SELECT {tier.Column} FROM chunks WHERE length({tier.Column}) > 0 AND ((id * 2654435761) & {Buckets - 1}) < $threshold",
            ("$threshold", threshold));
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

using System.Globalization;
using Ragex.Core.VectorIndex;

namespace Ragex.Core.Storage;

/// <summary>
/// The vector change log (<c>vector_changes</c>): every write of a chunk's vector of a tier, under a sequence number
/// that only grows. A tier's FAISS snapshot records the sequence it covers and replays only what changed since.
/// </summary>
public sealed class VectorChangeLog
{
    private readonly IndexCommands commands;
    private readonly IndexMeta meta;

    internal VectorChangeLog(IndexCommands commands, IndexMeta meta)
    {
        this.commands = commands;
        this.meta = meta;
    }

    /// <summary>
    /// The log's high-water mark: the sequence of the last committed vector change of any tier (0 for none). Read
    /// from sqlite_sequence, one row, so a search can check it every time.
    /// </summary>
    public long Sequence() => commands.Scalar("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'vector_changes'), 0)");

    /// <summary>The highest sequence pruned from the tier's log: a copy of the index older than it cannot catch up by replay.</summary>
    public long Pruned(VectorTier tier) =>
        long.TryParse(meta.Get(MetaKeys.VectorLogPrunedPrefix + tier.Name), CultureInfo.InvariantCulture, out var pruned) ? pruned : 0;

    /// <summary>How many distinct chunks of the tier changed in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public long CountChanged(VectorTier tier, long after, long upTo) =>
        commands.Scalar(
            "SELECT count(DISTINCT chunk_id) FROM vector_changes WHERE tier = $tier AND seq > $after AND seq <= $upTo",
            ("$tier", tier.LogId),
            ("$after", after),
            ("$upTo", upTo));

    /// <summary>The distinct chunks whose vector of the tier changed in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public List<long> Changed(VectorTier tier, long after, long upTo)
    {
        using var command = commands.Command(
            "SELECT DISTINCT chunk_id FROM vector_changes WHERE tier = $tier AND seq > $after AND seq <= $upTo",
            ("$tier", tier.LogId),
            ("$after", after),
            ("$upTo", upTo));
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// The current vectors of the chunks changed in (<paramref name="after"/>, <paramref name="upTo"/>] that still
    /// have one (a chunk deleted or cleared since has none, and only leaves the index).
    /// </summary>
    public IEnumerable<(long Id, float[] Vector)> ChangedVectors(VectorTier tier, long after, long upTo) =>
        VectorQueries.Read(
            commands,
            $"SELECT id, {tier.Column} FROM chunks WHERE id IN (SELECT chunk_id FROM vector_changes WHERE tier = $tier AND seq > $after AND seq <= $upTo) AND length({tier.Column}) > 0",
            ("$tier", tier.LogId),
            ("$after", after),
            ("$upTo", upTo));

    /// <summary>
    /// Forgets the tier's changes up to <paramref name="upTo"/>, which a snapshot on disk now covers, and records
    /// the mark so that an older copy of the index knows it must reload the snapshot.
    /// </summary>
    public void Prune(VectorTier tier, long upTo)
    {
        using var transaction = commands.BeginTransaction();
        using (var delete = commands.Command(
            """
            DELETE FROM vector_changes WHERE tier = $tier AND seq <= $upTo;
            INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;
            """,
            ("$tier", tier.LogId),
            ("$upTo", upTo),
            ("$key", MetaKeys.VectorLogPrunedPrefix + tier.Name),
            ("$value", upTo.ToString(CultureInfo.InvariantCulture))))
        {
            delete.Transaction = transaction;
            delete.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}

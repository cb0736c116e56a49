using System.Globalization;
using Microsoft.Data.Sqlite;
using Ragex.Core.Chunking;

namespace Ragex.Core.Storage;

/// <summary>
/// Brings an index to the latest schema (<see cref="Migrations"/>), one transaction per step, for the writer; checks
/// that a reader's index needs no step.
/// </summary>
internal sealed class IndexMigrator(IndexCommands commands, IndexMeta meta)
{
    public void Migrate()
    {
        commands.Execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        var version = CurrentVersion();
        if (version > Migrations.LatestVersion)
        {
            throw new RagexException($"index schema version {version} is newer than this ragex understands ({Migrations.LatestVersion}); upgrade ragex");
        }

        for (; version < Migrations.LatestVersion; version++)
        {
            Step(version + 1);
        }
    }

    /// <summary>
    /// Readers never migrate (the project's writer does, when it opens the index): an index an older ragex wrote lacks
    /// tables this one reads, and is refused in one line until `ragex index` (or the daemon's writer) upgrades it.
    /// </summary>
    public void EnsureReadableVersion()
    {
        var version = CurrentVersion();
        if (version > 0 && version < Migrations.LatestVersion)
        {
            throw new RagexException($"the index was written by an older ragex (schema {version} of {Migrations.LatestVersion}); run `ragex index` to upgrade it");
        }

        if (version == 0 || version > Migrations.LatestVersion)
        {
            throw new RagexException($"index schema version {version} is not one this ragex reads (1..{Migrations.LatestVersion}); run `ragex index`");
        }
    }

    /// <summary>Runs migration <paramref name="target"/> (and the derived columns it adds) and records the new version, atomically.</summary>
    private void Step(int target)
    {
        using var transaction = commands.BeginTransaction();
        if (VersionIn(transaction) >= target)
        {
            // Another writer (the registry, a second process) took this step since the version was read.
            return;
        }

        Execute(transaction, Migrations.Steps[target - 1]);
        if (target == Migrations.IdentifierWordsVersion)
        {
            FillIdentifierWords(transaction);
        }

        if (target == Migrations.PathWordsVersion)
        {
            FillPathWords(transaction);
        }

        if (target == Migrations.NameWordsVersion)
        {
            FillNameWords(transaction);
        }

        meta.Set(MetaKeys.SchemaVersion, target.ToString(CultureInfo.InvariantCulture), transaction);
        transaction.Commit();
    }

    /// <summary>Computes the identifier words of chunks stored before the column existed, then rebuilds the FTS index.</summary>
    private void FillIdentifierWords(SqliteTransaction transaction)
    {
        commands.CreateFunction("ragex_identifier_words", IdentifierWords.Compounds);
        Execute(transaction, "UPDATE chunks SET words = ragex_identifier_words(text)");
        Execute(transaction, "INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')");
    }

    /// <summary>Computes the path words of chunks stored before the column existed, then rebuilds the FTS index.</summary>
    private void FillPathWords(SqliteTransaction transaction)
    {
        commands.CreateFunction("ragex_path_words", IdentifierWords.OfPath);
        Execute(transaction, "UPDATE chunks SET path_words = (SELECT ragex_path_words(f.path) FROM files f WHERE f.id = chunks.file_id)");
        Execute(transaction, "INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild')");
    }

    /// <summary>Computes the words of the names each file stored before the column existed defines.</summary>
    private void FillNameWords(SqliteTransaction transaction)
    {
        commands.CreateFunction("ragex_name_words", names => IdentifierWords.OfNames(names.Split('\n')));
        Execute(transaction, "UPDATE files SET name_words = (SELECT ragex_name_words(ifnull(group_concat(name, char(10)), '')) FROM symbols WHERE file_id = files.id)");
    }

    /// <summary>The version as the transaction sees it: it holds the write lock, so no other writer can step meanwhile.</summary>
    private int VersionIn(SqliteTransaction transaction) => ParseVersion(meta.Get(MetaKeys.SchemaVersion, transaction));

    private void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = commands.Command(sql);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private int CurrentVersion()
    {
        if (commands.Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'") == 0)
        {
            return 0;
        }

        return ParseVersion(meta.Get(MetaKeys.SchemaVersion));
    }

    private static int ParseVersion(string? value) => value is null ? 0 : int.Parse(value, CultureInfo.InvariantCulture);
}

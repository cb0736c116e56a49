namespace Ragex.Core.Storage;

/// <summary>
/// A run that rewrites most of an index loads it in bulk: the keyword index's triggers and the symbol name indexes are
/// dropped while files are stored, then rebuilt in one pass (a sorted build instead of a random insert per row, 40 %
/// of the writer's time on the kernel). The keyword index is rebuilt without FTS5's automatic merging (a third of the
/// rebuild's CPU on the kernel): it comes out in more segments, which the writer then merges into one in the
/// background. The state is recorded in meta with the drop, in one transaction, so an index left in bulk mode by a
/// killed process is completed the next time the writer opens it.
/// </summary>
internal static class BulkLoad
{
    /// <summary>Runs that change at least this many files, and at least as many as the index already holds, load in bulk.</summary>
    public const int MinimumFiles = 1000;

    public const string MetaKey = "bulk_load";

    /// <summary>Drops what <see cref="Restore"/> brings back; kept equal to the latest schema (a test compares them).</summary>
    public const string Drop =
        """
        DROP TRIGGER chunks_fts_insert;
        DROP TRIGGER chunks_fts_delete;
        DROP INDEX symbols_by_name;
        DROP INDEX symbols_by_name_nocase;
        """;

    public const string Restore =
        """
        CREATE INDEX symbols_by_name ON symbols(name);
        CREATE INDEX symbols_by_name_nocase ON symbols(name COLLATE NOCASE);
        INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('automerge', 0);
        INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild');
        INSERT INTO chunks_fts(chunks_fts, rank) VALUES ('automerge', 4);
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, symbol, text, words, path_words) VALUES (new.id, new.symbol, new.text, new.words, new.path_words);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, symbol, text, words, path_words)
            VALUES ('delete', old.id, old.symbol, old.text, old.words, old.path_words);
        END;
        """;
}

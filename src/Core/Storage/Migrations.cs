namespace Ragex.Core.Storage;

/// <summary>
/// The schema as an ordered list of migrations; migration N brings a database from version N-1 to N. Append, never
/// edit a released step.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<string> Steps =
    [
        """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE files(
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            mtime INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            indexed_at INTEGER NOT NULL);
        CREATE TABLE symbols(
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            line INTEGER NOT NULL,
            end_line INTEGER,
            signature TEXT,
            scope TEXT,
            scope_kind TEXT,
            language TEXT,
            preview TEXT NOT NULL);
        CREATE INDEX symbols_by_name ON symbols(name);
        CREATE INDEX symbols_by_name_nocase ON symbols(name COLLATE NOCASE);
        CREATE INDEX symbols_by_file ON symbols(file_id);
        CREATE TABLE chunks(
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            start_line INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            symbol TEXT,
            kind TEXT,
            text_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            embedding BLOB);
        CREATE INDEX chunks_by_file ON chunks(file_id);
        CREATE VIRTUAL TABLE symbols_fts USING fts5(name, scope, content='symbols', content_rowid='id');
        CREATE TRIGGER symbols_fts_insert AFTER INSERT ON symbols BEGIN
            INSERT INTO symbols_fts(rowid, name, scope) VALUES (new.id, new.name, new.scope);
        END;
        CREATE TRIGGER symbols_fts_delete AFTER DELETE ON symbols BEGIN
            INSERT INTO symbols_fts(symbols_fts, rowid, name, scope) VALUES ('delete', old.id, old.name, old.scope);
        END;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(text, content='chunks', content_rowid='id');
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        """,
        """
        DROP TRIGGER chunks_fts_insert;
        DROP TRIGGER chunks_fts_delete;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(symbol, text, content='chunks', content_rowid='id');
        INSERT INTO chunks_fts(chunks_fts) VALUES ('rebuild');
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, symbol, text) VALUES (new.id, new.symbol, new.text);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, symbol, text) VALUES ('delete', old.id, old.symbol, old.text);
        END;
        CREATE INDEX chunks_pending ON chunks(id) WHERE embedding IS NULL;
        """,
        """
        ALTER TABLE chunks ADD COLUMN words TEXT;
        DROP TRIGGER chunks_fts_insert;
        DROP TRIGGER chunks_fts_delete;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(symbol, text, words, content='chunks', content_rowid='id');
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, symbol, text, words) VALUES (new.id, new.symbol, new.text, new.words);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, symbol, text, words) VALUES ('delete', old.id, old.symbol, old.text, old.words);
        END;
        """,
        """
        -- Chunking learned definition extents ctags does not give and leading doc comments: forget every file's
        -- hash so the next run parses (and chunks) every file again.
        UPDATE files SET sha256 = '';
        """,
        """
        -- The static embedding tier: every chunk's static vector, written with its text; a partial index finds the
        -- chunks still without one (all of them when the static table changes).
        ALTER TABLE chunks ADD COLUMN static_embedding BLOB;
        CREATE INDEX chunks_static_pending ON chunks(id) WHERE static_embedding IS NULL;
        """,
        """
        -- Keyword search: the words of the file's path (parent directories and file stem) as a column of their own,
        -- and the porter stemmer over every column so that inflections meet (sessions ~ session, parsing ~ parse).
        -- The path words of chunks already stored are filled in by code after this step, which rebuilds the index.
        ALTER TABLE chunks ADD COLUMN path_words TEXT;
        DROP TRIGGER chunks_fts_insert;
        DROP TRIGGER chunks_fts_delete;
        DROP TABLE chunks_fts;
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            symbol, text, words, path_words, content='chunks', content_rowid='id', tokenize='porter unicode61');
        CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, symbol, text, words, path_words) VALUES (new.id, new.symbol, new.text, new.words, new.path_words);
        END;
        CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, symbol, text, words, path_words)
            VALUES ('delete', old.id, old.symbol, old.text, old.words, old.path_words);
        END;
        """,
        """
        -- Nothing queries symbols_fts (symbol search reads the name indexes), while every symbol paid for it on
        -- insert and delete: on the kernel a third of the writer's time.
        DROP TRIGGER symbols_fts_insert;
        DROP TRIGGER symbols_fts_delete;
        DROP TABLE symbols_fts;
        """,
        """
        -- The vector change log: every write of a chunk's vector of a tier (0 static, 1 transformer) - a chunk stored
        -- with one, a vector set or cleared, a chunk deleted - appends the chunk's id under a new sequence number.
        -- A tier's FAISS snapshot records the sequence it covers; opening it replays only the chunks changed since
        -- (their current vectors, from chunks). AUTOINCREMENT: a sequence number is never reused, even after the
        -- log is pruned up to a snapshot.
        CREATE TABLE vector_changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, tier INTEGER NOT NULL, chunk_id INTEGER NOT NULL);
        CREATE INDEX vector_changes_by_tier ON vector_changes(tier, seq);
        CREATE TRIGGER chunks_vectors_insert AFTER INSERT ON chunks
            WHEN new.static_embedding IS NOT NULL OR new.embedding IS NOT NULL BEGIN
            INSERT INTO vector_changes(tier, chunk_id) SELECT 0, new.id WHERE new.static_embedding IS NOT NULL;
            INSERT INTO vector_changes(tier, chunk_id) SELECT 1, new.id WHERE new.embedding IS NOT NULL;
        END;
        CREATE TRIGGER chunks_static_vector_update AFTER UPDATE OF static_embedding ON chunks
            WHEN new.static_embedding IS NOT old.static_embedding BEGIN
            INSERT INTO vector_changes(tier, chunk_id) VALUES (0, new.id);
        END;
        CREATE TRIGGER chunks_vector_update AFTER UPDATE OF embedding ON chunks
            WHEN new.embedding IS NOT old.embedding BEGIN
            INSERT INTO vector_changes(tier, chunk_id) VALUES (1, new.id);
        END;
        CREATE TRIGGER chunks_vectors_delete AFTER DELETE ON chunks
            WHEN old.static_embedding IS NOT NULL OR old.embedding IS NOT NULL BEGIN
            INSERT INTO vector_changes(tier, chunk_id) SELECT 0, old.id WHERE old.static_embedding IS NOT NULL;
            INSERT INTO vector_changes(tier, chunk_id) SELECT 1, old.id WHERE old.embedding IS NOT NULL;
        END;
        -- Names this database's log, so a snapshot written against another database (deleted and created again
        -- under the same directory) is never replayed onto it.
        INSERT INTO meta(key, value) VALUES ('vector_log', lower(hex(randomblob(16))))
            ON CONFLICT(key) DO UPDATE SET value = excluded.value;
        """,
        """
        -- Symbol names: a counter that moves whenever a file's symbols may have changed (one row per file stored or
        -- deleted, not per symbol), so a reader's cached name index knows when it is stale, and an index on
        -- indexed_at that finds the files stored since that index was built.
        INSERT OR IGNORE INTO meta(key, value) VALUES ('symbols_version', '0');
        CREATE INDEX files_by_indexed_at ON files(indexed_at);
        CREATE TRIGGER files_symbols_insert AFTER INSERT ON files BEGIN
            UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'symbols_version';
        END;
        CREATE TRIGGER files_symbols_update AFTER UPDATE OF indexed_at ON files BEGIN
            UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'symbols_version';
        END;
        CREATE TRIGGER files_symbols_delete AFTER DELETE ON files BEGIN
            UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'symbols_version';
        END;
        """,
        """
        -- Files with a chunk whose code is longer than its stored text (cut at 6,000 characters): the keyword index
        -- does not hold all of their words, so a search narrowed to the files it names must add these.
        ALTER TABLE files ADD COLUMN clipped INTEGER NOT NULL DEFAULT 0;
        UPDATE files SET clipped = 1 WHERE id IN (SELECT file_id FROM chunks WHERE length(text) >= 6000);
        CREATE INDEX files_clipped ON files(id) WHERE clipped = 1;
        """,
        """
        -- The distinct words of each file's defined names (IdentifierWords.OfNames), which ranking matches a query's
        -- words against: one row per file instead of every name. Filled in by code after this step.
        ALTER TABLE files ADD COLUMN name_words TEXT NOT NULL DEFAULT '';
        """,
    ];

    /// <summary>The step that adds <c>chunks.words</c>; the words of chunks already stored are filled in by code after it.</summary>
    public const int IdentifierWordsVersion = 3;

    /// <summary>The step that adds <c>chunks.path_words</c> and the stemming tokenizer; filled in and rebuilt by code after it.</summary>
    public const int PathWordsVersion = 6;

    /// <summary>The step that adds <c>files.name_words</c>; filled in from the stored symbols by code after it.</summary>
    public const int NameWordsVersion = 11;

    public static int LatestVersion => Steps.Count;
}

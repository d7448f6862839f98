"""The archive's tables and the migrations that bring an archive of any earlier version up to date.

Each migration runs in the transaction that also records the new version, so an archive is always
at exactly one version, even when a migration is killed half way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

V1 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,            -- the cleaned text's id: one article, one record
    json TEXT NOT NULL,                 -- Record.to_dict() as cleaning made it
    title TEXT, url TEXT, site TEXT, language TEXT, published TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    added_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    run_id INTEGER                      -- the run that added or last updated it
);
CREATE INDEX records_updated ON records (updated_at);
CREATE INDEX records_run ON records (run_id);
CREATE TABLE record_versions (           -- earlier versions of records a changed input updated
    rowid INTEGER PRIMARY KEY,
    record INTEGER NOT NULL REFERENCES records (rowid),
    id TEXT NOT NULL, json TEXT NOT NULL, version INTEGER NOT NULL, replaced_at TEXT NOT NULL
);
CREATE INDEX record_versions_id ON record_versions (id);
CREATE TABLE sources (                   -- every input (and its URL) a record came from
    record INTEGER NOT NULL REFERENCES records (rowid),
    input TEXT NOT NULL, url TEXT, added_at TEXT NOT NULL,
    PRIMARY KEY (input, record)
);
CREATE INDEX sources_record ON sources (record);
CREATE TABLE inputs (                    -- every input seen: a file, a JSONL line, a WARC record
    key TEXT PRIMARY KEY,
    path TEXT, size INTEGER, mtime_ns INTEGER, sha256 TEXT,
    status TEXT NOT NULL,                -- ok | failed | container (a JSONL or WARC file read whole)
    reason TEXT, record INTEGER,
    items INTEGER,                       -- a container: how many inputs it held
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, run_id INTEGER
);
CREATE TABLE errors (
    rowid INTEGER PRIMARY KEY, run_id INTEGER, input TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL
);
CREATE INDEX errors_run ON errors (run_id);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY, job TEXT, started TEXT NOT NULL, ended TEXT,
    status TEXT NOT NULL,                -- running | ok | errors | partial | export_failed | killed | interrupted
    counts TEXT, sources TEXT, pid INTEGER
);
CREATE VIRTUAL TABLE search USING fts5 (title, text, tokenize = 'unicode61 remove_diacritics 2');
"""

V2 = """
ALTER TABLE records ADD COLUMN simhash TEXT;
ALTER TABLE records ADD COLUMN duplicate_of INTEGER REFERENCES records (rowid);
CREATE TABLE near_bands (band INTEGER NOT NULL, value INTEGER NOT NULL, record INTEGER NOT NULL);
CREATE INDEX near_bands_lookup ON near_bands (band, value);
CREATE INDEX near_bands_record ON near_bands (record);
"""


def _v2(conn: sqlite3.Connection) -> None:
    """Near-duplicates by simhash: the tables only (version 4 replaces them and fills in every record)."""
    _execute_all(conn, V2)


V3 = """
CREATE TABLE job_exports (               -- how far each job's export has got, so a cut-short run's records
    job TEXT NOT NULL, target TEXT NOT NULL,  -- are exported by the next run
    through_run INTEGER NOT NULL, file TEXT, records INTEGER, at TEXT NOT NULL,
    PRIMARY KEY (job, target)
);
"""


def _v3(conn: sqlite3.Connection) -> None:
    """Scheduled jobs: the export watermark per job and export target."""
    _execute_all(conn, V3)


V4 = """
ALTER TABLE records ADD COLUMN minhash BLOB;
CREATE TABLE near_keys (                -- band keys of MinHash signatures: records a later text may duplicate
    band INTEGER NOT NULL, value BLOB NOT NULL, record INTEGER NOT NULL,
    PRIMARY KEY (band, value, record)
) WITHOUT ROWID;
DROP TABLE near_bands;
UPDATE records SET simhash = NULL;
ALTER TABLE inputs ADD COLUMN name TEXT;  -- what messages call an input: "feed.jsonl:12", not its key
"""
MIGRATE_BATCH = 500


def _v4(conn: sqlite3.Connection) -> None:
    """Near-duplicates by MinHash, which sees a copy with other furniture where simhash did not: every
    record's signature, and which record each one duplicates decided again, oldest first."""
    from cleaner.store.neardup import first_near_duplicate, index_record, signature_of

    _execute_all(conn, V4)
    last = 0
    while rows := conn.execute("SELECT rowid, json FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?",
                               (last, MIGRATE_BATCH)).fetchall():
        for rowid, data in rows:
            signature = signature_of(json.loads(data)["text"])
            near = first_near_duplicate(conn, signature)
            conn.execute("UPDATE records SET minhash = ?, duplicate_of = ? WHERE rowid = ?", (signature, near, rowid))
            if near is None:
                index_record(conn, rowid, signature)
        last = rows[-1][0]


V5 = """
ALTER TABLE records ADD COLUMN layout TEXT;       -- Record.layout: where each removed block stood
ALTER TABLE record_versions ADD COLUMN layout TEXT;
CREATE TABLE originals (                 -- each record's input as it came, zlib-compressed, by its sha256
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL
);
CREATE TABLE record_facets (             -- what a record counts under: ('removed', kind, blocks),
                                         -- ('page_type', type, 1)
    record INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (record, facet, value)
) WITHOUT ROWID;
CREATE INDEX record_facets_value ON record_facets (facet, value, count);
CREATE INDEX records_overview ON records (language, site, published, added_at);
CREATE INDEX records_site_name ON records (json_extract(json, '$.site_name'));
CREATE INDEX inputs_status ON inputs (status);
CREATE INDEX records_near ON records (duplicate_of) WHERE duplicate_of IS NOT NULL;
"""


def _v5(conn: sqlite3.Connection) -> None:
    """What the browser view reads: where removed blocks stood and the inputs (from now on), and the
    counts its charts add up (for every record, read from its JSON)."""
    from cleaner.store.facets import facets_of_json

    _execute_all(conn, V5)
    last = 0
    while rows := conn.execute("SELECT rowid, json FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?",
                               (last, MIGRATE_BATCH)).fetchall():
        conn.executemany("INSERT INTO record_facets (record, facet, value, count) VALUES (?, ?, ?, ?)",
                         [(rowid, *facet) for rowid, data in rows for facet in facets_of_json(json.loads(data))])
        last = rows[-1][0]


def _execute_all(conn: sqlite3.Connection, script: str) -> None:
    for statement in script.strip().split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    _execute_all(conn, V1)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5]
SCHEMA_VERSION = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the archive to `target`, one version per transaction; returns the version it was at."""
    start = version_of(conn)
    for version in range(start, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version_of(conn) != version:  # another process migrated it meanwhile
                conn.execute("ROLLBACK")
                continue
            MIGRATIONS[version](conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(version + 1),),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start

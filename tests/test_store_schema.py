"""Opening an older archive migrates it; an archive from a newer cleaner is refused, not damaged."""

from __future__ import annotations

import json
import sqlite3

import pytest
from archivekit import PAGES

import cleaner
from cleaner.store import Archive, ArchiveError
from cleaner.store.neardup import BANDS, signature_of
from cleaner.store.schema import SCHEMA_VERSION, migrate, version_of


def test_a_version_1_archive_is_migrated_and_its_near_duplicates_found(tmp_path):
    db = tmp_path / "old.db"
    record = cleaner.clean((PAGES / "notes" / "fa-solar.txt").read_bytes(), path="fa-solar.txt")
    edited = (PAGES / "notes" / "fa-solar.txt").read_text(encoding="utf-8").replace("سه برابر", "دو برابر")
    copy = cleaner.clean(edited.encode(), path="copy.txt")
    assert copy.id != record.id
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, target=1)
    for rec in (record, copy):
        conn.execute(
            "INSERT INTO records (id, json, title, added_at, updated_at) VALUES (?, ?, ?, '2024-01-01', '2024-01-01')",
            (rec.id, json.dumps(rec.to_dict(), ensure_ascii=False), rec.title),
        )
    conn.close()

    archive = Archive(str(db))
    assert archive.migrated_from == 1 and version_of(archive.conn) == SCHEMA_VERSION == 5
    rows = archive.conn.execute("SELECT rowid, minhash, duplicate_of FROM records ORDER BY rowid").fetchall()
    assert rows[0][1] == signature_of(record.text) and rows[0][1] is not None
    assert rows[1][2] == rows[0][0]  # the copy is marked a near-duplicate of the first
    assert archive.conn.execute("SELECT count(*) FROM near_keys").fetchone()[0] == BANDS  # only originals indexed
    archive.close()


def test_an_archive_from_a_newer_cleaner_is_refused(tmp_path):
    db = tmp_path / "new.db"
    Archive(str(db)).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="version 99 is newer"):
        Archive(str(db))


def test_a_file_that_is_not_an_archive_is_a_clear_error(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("not a database at all, just some words written into a file by mistake " * 20)
    with pytest.raises(ArchiveError, match="not a cleaner archive"):
        Archive(str(db))


def test_a_version_4_archive_gets_the_counts_the_views_read(tmp_path):
    db = tmp_path / "v4.db"
    record = cleaner.clean((PAGES / "notes" / "fa-solar.txt").read_bytes(), path="fa-solar.txt")
    conn = sqlite3.connect(db, isolation_level=None)
    migrate(conn, target=4)
    conn.execute("INSERT INTO records (id, json, title, added_at, updated_at) VALUES (?, ?, ?, '2024-01-01', '2024-01-01')",
                 (record.id, json.dumps(record.to_dict(), ensure_ascii=False), record.title))
    conn.close()

    archive = Archive(str(db))
    assert archive.migrated_from == 4 and version_of(archive.conn) == 5
    facets = archive.conn.execute("SELECT facet, value, count FROM record_facets ORDER BY value").fetchall()
    kinds = {}
    for removed in record.removed:
        kinds[removed.kind] = kinds.get(removed.kind, 0) + 1
    assert facets == sorted(("removed", kind, n) for kind, n in kinds.items()) and facets
    assert archive.conn.execute("SELECT layout FROM records").fetchone() == (None,)  # not known for old records
    archive.close()

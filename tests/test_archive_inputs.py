"""What the archive keeps beside each record for the views: its input (unless told not to), where
each removed block stood, and the counts the overview adds up; all three follow a record's updates."""

from __future__ import annotations

import shutil
import sqlite3
import zlib

from archivekit import PAGES, cli

import cleaner
from cleaner.store import IngestOptions, archive_sources


def rows(db, sql: str, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_each_record_keeps_its_input_layout_and_removed_kinds(tmp_path):
    note = tmp_path / "fa-solar.txt"
    shutil.copy(PAGES / "notes" / "fa-solar.txt", note)
    db = tmp_path / "a.db"
    archive_sources(str(db), [str(note), str(PAGES / "news")], IngestOptions())
    record = cleaner.clean(note.read_bytes())
    ((data,),) = rows(db, "SELECT data FROM originals WHERE sha256 = ?", record.input_sha256)
    assert zlib.decompress(data) == note.read_bytes()
    assert rows(db, "SELECT layout FROM records WHERE id = ?", record.id) == [(record.layout,)]
    assert rows(db, "SELECT count(*) FROM originals")[0][0] == rows(db, "SELECT count(*) FROM records")[0][0]

    note.write_text(note.read_text(encoding="utf-8").replace("سه برابر", "دو برابر"), encoding="utf-8")
    archive_sources(str(db), [str(note)], IngestOptions())
    updated = cleaner.clean(note.read_bytes())
    (rowid,) = rows(db, "SELECT rowid FROM records WHERE id = ?", updated.id)[0]
    assert rows(db, "SELECT layout FROM record_versions WHERE id = ?", record.id) == [(record.layout,)]
    kinds = {}
    for removed in updated.removed:
        kinds[removed.kind] = kinds.get(removed.kind, 0) + 1
    assert dict(rows(db, "SELECT value, count FROM record_facets WHERE record = ?", rowid)) == kinds
    assert rows(db, "SELECT count(*) FROM originals WHERE sha256 IN (?, ?)", record.input_sha256,
                updated.input_sha256)[0][0] == 2  # the earlier version's input stays, for its page


def test_no_keep_inputs_keeps_none(tmp_path):
    db = tmp_path / "a.db"
    result = cli("archive", PAGES / "news", "--db", db, "--no-keep-inputs")
    assert result.returncode == 0, result.stderr.decode()
    assert rows(db, "SELECT count(*) FROM originals") == [(0,)]
    assert rows(db, "SELECT count(*) FROM records WHERE layout IS NOT NULL")[0][0] == rows(
        db, "SELECT count(*) FROM records")[0][0] > 0

"""The archive the view tests browse: real fixture pages in Arabic, Persian and English, a hostile
page and item, a record with two versions, near-duplicates, a failed input and a record with a page type."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from archivekit import PAGES, write_texts

from cleaner.store import IngestOptions, archive_sources

from conftest import FIXTURES

SEED_003 = FIXTURES / "seeds" / "003_2c2e41f9c8b4c2d9.txt"
HOSTILE = FIXTURES / "views"
SEARCH = FIXTURES / "search"
AR_PAGE = FIXTURES / "html" / "ar_article.html"  # a page of alsahel.example.com, with eight kinds of furniture
FA_PAGE = FIXTURES / "html" / "fa_article.html"  # the record given a page type
PAGE_TYPE = "article"  # the type HTML mode reads from the Persian page (its JSON-LD says NewsArticle)
SERIES = 25  # English reports sharing the word "series": more than one page of results


def build_archive(folder: Path) -> Path:
    """Three runs: everything; an edited note (a second version); a file that cannot be cleaned."""
    db = folder / "views.db"
    inputs = folder / "inputs"
    inputs.mkdir(parents=True)
    note = inputs / "fa-solar.txt"
    shutil.copy(PAGES / "notes" / "fa-solar.txt", note)
    write_texts(inputs / "series", SERIES)
    sources = [*sorted((FIXTURES / "seeds").glob("*.txt")), PAGES / "news", PAGES / "blog", SEARCH, AR_PAGE,
               FA_PAGE, HOSTILE / "hostile.html",
               HOSTILE / "hostile.jsonl", inputs]
    archive_sources(str(db), [str(s) for s in sources], IngestOptions())
    note.write_text(note.read_text(encoding="utf-8").replace("سه برابر", "دو برابر"), encoding="utf-8")
    archive_sources(str(db), [str(note)], IngestOptions())
    (inputs / "broken.txt").write_bytes(b"\x00\x01\x02 not text at all \xff\xfe")
    archive_sources(str(db), [str(inputs / "broken.txt")], IngestOptions())
    return db


def record_id_of(db: Path, path: Path) -> str:
    """The id of the record an input file (or the first item of a JSONL file) gave."""
    conn = sqlite3.connect(db)
    key = str(path.resolve())
    try:
        return conn.execute("SELECT r.id FROM records r JOIN sources s ON s.record = r.rowid WHERE s.input = ? "
                            "OR s.input LIKE ? ORDER BY s.input LIMIT 1", (key, key + "#%")).fetchone()[0]
    finally:
        conn.close()

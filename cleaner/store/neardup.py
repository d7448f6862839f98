"""Near-duplicates: the same article with other furniture or small edits, found by trafilatura's simhash.

Two texts are near-duplicates when their 64-bit simhashes differ in at most MAX_DISTANCE bits. The
hash is cut into MAX_DISTANCE + 1 bands: two hashes that close agree exactly on at least one band
(pigeonhole), so an indexed lookup of band values finds every candidate without a scan.
"""

from __future__ import annotations

import sqlite3

from trafilatura.deduplication import Simhash, sample_tokens

BITS = 64
MAX_DISTANCE = 5  # of 64 bits: similarity >= 0.92
MIN_TOKENS = 40  # shorter texts give hashes too noisy to call two of them the same article
SAMPLE_WORDS = (120, 60, 120)  # words from the start, middle and end: a bounded cost per page
BAND_WIDTHS = (10, 11, 11, 11, 11, 10)  # MAX_DISTANCE + 1 bands covering 64 bits


def simhash_of(text: str) -> str | None:
    """The text's simhash as hex, or None when the text is too short to judge."""
    sample = _sample(text)
    if len(sample_tokens(sample, BITS)) < MIN_TOKENS:
        return None
    return Simhash(sample, length=BITS).to_hex()


def _sample(text: str) -> str:
    """The start, the middle and the end of a long text: where furniture and edits differ, at a
    bounded cost (trafilatura's Simhash costs more than cleaning a page when given all of it)."""
    words = text.split()
    head, middle, tail = SAMPLE_WORDS
    if len(words) <= head + middle + tail:
        return text
    centre = len(words) // 2
    return " ".join(words[:head] + words[centre - middle // 2 : centre + middle // 2] + words[-tail:])


def bands(fingerprint: str) -> list[tuple[int, int]]:
    value = int(fingerprint, 16)
    out, shift = [], 0
    for index, width in enumerate(BAND_WIDTHS):
        out.append((index, (value >> shift) & ((1 << width) - 1)))
        shift += width
    return out


def distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def index_record(conn: sqlite3.Connection, rowid: int, fingerprint: str | None, *, new: bool = False) -> None:
    """Make a record findable as the original of later near-duplicates."""
    if not new:
        conn.execute("DELETE FROM near_bands WHERE record = ?", (rowid,))
    if fingerprint:
        conn.executemany(
            "INSERT INTO near_bands (band, value, record) VALUES (?, ?, ?)",
            [(band, value, rowid) for band, value in bands(fingerprint)],
        )


def first_near_duplicate(conn: sqlite3.Connection, fingerprint: str | None, exclude: int | None = None) -> int | None:
    """The earliest record this text is a near-duplicate of, or None."""
    if not fingerprint:
        return None
    clauses = " OR ".join("(band = ? AND value = ?)" for _ in BAND_WIDTHS)
    params = [v for pair in bands(fingerprint) for v in pair]
    rows = conn.execute(
        f"SELECT DISTINCT r.rowid, r.simhash FROM near_bands b JOIN records r ON r.rowid = b.record "
        f"WHERE ({clauses}) ORDER BY r.rowid",
        params,
    ).fetchall()
    for rowid, other in rows:
        if rowid != exclude and other and distance(fingerprint, other) <= MAX_DISTANCE:
            return rowid
    return None

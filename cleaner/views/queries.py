"""The SQL the pages need beyond the store's own calls (Archive.search, record_view, runs...).

Every count here reads an index or the small `record_facets` rows, never the records' JSON, so the
home page costs the same on an archive of any size.
"""

from __future__ import annotations

import json
import sqlite3
import zlib


def fingerprint(conn: sqlite3.Connection) -> tuple:
    """What changes whenever anything the home page counts does (a record stored or updated, a source,
    an error, a run starting or ending), each read from an index."""
    return conn.execute(
        "SELECT (SELECT count(*) FROM records), (SELECT max(updated_at) FROM records), "
        "(SELECT max(rowid) FROM record_versions), (SELECT max(rowid) FROM sources), (SELECT max(rowid) FROM errors), "
        "(SELECT count(*) FROM inputs WHERE status = 'failed'), "
        "(SELECT id || status || coalesce(ended, '') FROM runs ORDER BY id DESC LIMIT 1)").fetchone()


def counts(conn: sqlite3.Connection, sql: str, *params) -> list[tuple[str, int]]:
    return [(str(key), n) for key, n in conn.execute(sql, params) if key is not None]


def by_published_day(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return counts(conn, "SELECT substr(published, 1, 10) d, count(*) FROM records INDEXED BY records_overview "
                        "WHERE published IS NOT NULL GROUP BY d ORDER BY d")


def by_added_day(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    return counts(conn, "SELECT substr(added_at, 1, 10) d, count(*) FROM records INDEXED BY records_overview "
                        "GROUP BY d ORDER BY d")


def undated(conn: sqlite3.Connection) -> int:
    sql = "SELECT count(*) FROM records INDEXED BY records_overview WHERE published IS NULL"
    return conn.execute(sql).fetchone()[0]


def by_site(conn: sqlite3.Connection, limit: int) -> list[tuple[str, int]]:
    return counts(conn, "SELECT site, count(*) c FROM records INDEXED BY records_overview WHERE site IS NOT NULL "
                        "GROUP BY site ORDER BY c DESC, site LIMIT ?", limit)


def languages(conn: sqlite3.Connection) -> list[str]:
    return [lang for (lang,) in conn.execute(
        "SELECT DISTINCT language FROM records INDEXED BY records_overview WHERE language IS NOT NULL ORDER BY 1")]


def sites(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(DISTINCT site) FROM records INDEXED BY records_overview").fetchone()[0]


def facet_counts(conn: sqlite3.Connection, facet: str) -> list[dict]:
    """Per value of a facet: how many blocks (removed kinds) and how many records have it."""
    return [{"value": value, "count": total, "records": records} for value, total, records in conn.execute(
        "SELECT value, sum(count) c, count(*) FROM record_facets WHERE facet = ? GROUP BY value ORDER BY c DESC, value",
        (facet,))]


def layout_of(conn: sqlite3.Connection, rowid: int) -> str | None:
    row = conn.execute("SELECT layout FROM records WHERE rowid = ?", (rowid,)).fetchone()
    return row[0] if row else None


def earlier_version(conn: sqlite3.Connection, ident: str) -> dict | None:
    """An earlier version of a record, by its id: the record as it was, and its layout."""
    row = conn.execute("SELECT record, json, layout, version, replaced_at FROM record_versions WHERE id = ? "
                       "ORDER BY version DESC LIMIT 1", (ident,)).fetchone()
    if row is None:
        return None
    rowid, data, layout, version, replaced = row
    return {"rowid": rowid, "record": json.loads(data), "layout": layout, "version": version, "replaced": replaced}


def original(conn: sqlite3.Connection, sha256: str | None) -> bytes | None:
    """The input a record was cleaned from, when the archive kept it."""
    if not sha256:
        return None
    row = conn.execute("SELECT data FROM originals WHERE sha256 = ?", (sha256,)).fetchone()
    return zlib.decompress(row[0]) if row else None


def near_duplicates_of(conn: sqlite3.Connection, rowid: int) -> list[dict]:
    """Later records marked near-duplicates of this one."""
    return [{"id": i, "title": t} for i, t in conn.execute(
        "SELECT id, title FROM records WHERE duplicate_of = ? ORDER BY rowid", (rowid,))]


def title_of(conn: sqlite3.Connection, ident: str | None) -> str | None:
    row = conn.execute("SELECT title FROM records WHERE id = ?", (ident,)).fetchone() if ident else None
    return row[0] if row else None


def sources_of(conn: sqlite3.Connection, rowid: int) -> list[dict]:
    """Every input the record's text came from: the first, and those that gave the same text again."""
    return [{"input": i, "url": u, "added": a} for i, u, a in conn.execute(
        "SELECT s.input, s.url, s.added_at FROM sources s WHERE s.record = ? ORDER BY s.added_at, s.input", (rowid,))]


def input_names(conn: sqlite3.Connection, keys: list[str]) -> dict[str, str]:
    """What messages call each input (a JSONL line: "feed.jsonl:12"), by its key."""
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    return {k: n for k, n in conn.execute(
        f"SELECT key, coalesce(name, path, key) FROM inputs WHERE key IN ({marks})", keys)}

"""The archive: one SQLite file holding records, the inputs seen, errors and runs.

WAL mode, and every input's changes (record, sources, input row, search index) go in one
transaction with the input row that says it was seen: a run killed at any moment leaves each input
either fully stored or not at all, and the next run redoes exactly the ones that are not.
"""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from cleaner.errors import CleanerError
from cleaner.record import Record
from cleaner.store.facets import Facet, facets_of_record
from cleaner.store.lock import FileLock
from cleaner.store.neardup import first_near_duplicate, index_record, signature_of, unindex_record
from cleaner.store.schema import SCHEMA_VERSION, migrate, version_of
from cleaner.store.searchtext import fold, query_terms, snippet
from cleaner.urls import site_of

BUSY_TIMEOUT_MS = 10_000
ORIGINAL_ZLIB_LEVEL = 1  # a 170 kB page in 1.2 ms, to a quarter of its size; level 6 takes 3 ms for a tenth less


def utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class ArchiveError(CleanerError):
    pass


class ArchiveWriteError(ArchiveError):
    """The archive could not be written (a full disk, a read-only file): what was stored before stays."""

    exit_status = 6


def open_failure(path: str, exc: sqlite3.Error) -> ArchiveError:
    """What is wrong when SQLite cannot open or write the archive, in words a person can act on."""
    folder = os.path.dirname(os.path.abspath(path))
    message = str(exc)
    if not os.path.isdir(folder):
        return ArchiveError(f"{path}: the folder {folder} does not exist")
    if "readonly" in message or "read-only" in message or not os.access(folder, os.W_OK):
        return ArchiveWriteError(f"{path}: cannot be written (read-only file or folder: {message})")
    if "locked" in message:
        return ArchiveError(f"{path}: is locked by another program ({message}); try again later")
    if "unable to open" in message:
        return ArchiveError(f"{path}: cannot be opened ({message})")
    if "disk is full" in message or "disk I/O" in message:
        return ArchiveWriteError(f"{path}: cannot be written ({message}); what was stored before stays, and the "
                                 "next run goes on from there")
    return ArchiveError(f"{path}: not a cleaner archive or damaged ({message})")


@dataclass
class Prepared:
    """A record made ready for the archive where it was cleaned (a worker), so the one writer only writes.

    It carries the record as JSON plus the few columns the writer needs, not the Record itself:
    rebuilding a Record with its removed blocks in the writer would cost more than storing it.
    """

    id: str
    json: str
    title: str | None
    url: str | None
    language: str | None
    published: str | None
    search_title: str
    search_text: str
    signature: bytes | None  # MinHash of its words, for near-duplicates
    layout: str | None = None  # Record.layout
    facets: list[Facet] | None = None  # what the archive's overview counts it under
    original: bytes | None = None  # the input as it came, zlib-compressed, when the archive keeps inputs
    original_size: int = 0
    input_sha256: str = ""

    @classmethod
    def of(cls, record: Record, original: bytes | str | None = None) -> Prepared:
        """`original`: the input the record was cleaned from, to keep beside it (None: keep none)."""
        if isinstance(original, str):
            original = original.encode("utf-8")
        return cls(record.id, json.dumps(record.to_dict(), ensure_ascii=False), record.title, record.url,
                   record.language, record.published, fold(record.title), fold(record.text),
                   signature_of(record.text), record.layout or None, facets_of_record(record),
                   zlib.compress(original, ORIGINAL_ZLIB_LEVEL) if original is not None else None,
                   len(original or b""), record.input_sha256)


@dataclass
class InputState:
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    status: str
    record: int | None
    items: int | None = None
    name: str | None = None  # what messages call it: "path:12" for a JSONL line


class Archive:
    """An open archive. Reading needs nothing more; writing needs `lock_writer()` first.

    `read_only`: open it for reading alone (SQLite refuses every write), as a viewer does; an archive
    of an older version is then refused, since migrating it would write.
    """

    def __init__(self, path: str, *, create: bool = True, read_only: bool = False) -> None:
        self.path = str(path)
        if (read_only or not create) and not os.path.exists(self.path):
            raise ArchiveError(f"{self.path}: no archive there (create one with `cleaner archive SOURCE --db {path}`)")
        self._lock: FileLock | None = None
        self._in_tx = False
        if read_only:
            self._open_read_only()
            return
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA wal_autocheckpoint = 10000")  # fewer, larger checkpoints while ingesting
            found = version_of(self.conn)
            if found > SCHEMA_VERSION:
                raise ArchiveError(
                    f"{self.path}: archive version {found} is newer than this cleaner knows ({SCHEMA_VERSION}); "
                    "upgrade cleaner"
                )
            self.migrated_from = migrate(self.conn)
        except sqlite3.Error as exc:
            raise open_failure(self.path, exc) from None

    def _open_read_only(self) -> None:
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        try:
            self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            self.conn.execute("PRAGMA query_only = 1")
            found = version_of(self.conn)
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a cleaner archive or damaged ({exc})") from None
        if found == 0:
            raise ArchiveError(f"{self.path}: not a cleaner archive")
        if found > SCHEMA_VERSION:
            raise ArchiveError(f"{self.path}: archive version {found} is newer than this cleaner knows "
                               f"({SCHEMA_VERSION}); upgrade cleaner")
        if found < SCHEMA_VERSION:
            raise ArchiveError(f"{self.path}: archive version {found} needs bringing up to version {SCHEMA_VERSION} "
                               f"first, which writes to it: run `cleaner stats --db {self.path}` once")
        self.migrated_from = found

    # -- writing -------------------------------------------------------------------------------

    def lock_writer(self, wait_seconds: float) -> None:
        """Become the archive's only writer, waiting up to `wait_seconds` for a running one."""
        try:
            self._lock = FileLock(self.path + ".lock", f"archive {self.path}").acquire(wait_seconds)
        except OSError as exc:
            raise ArchiveWriteError(f"{self.path}: cannot create its lock file ({exc.strerror or exc})") from None

    def close(self) -> None:
        try:
            if self._in_tx:
                self.commit()
        finally:
            self.conn.close()
            if self._lock:
                self._lock.release()

    def begin(self) -> None:
        if not self._in_tx:
            self.conn.execute("BEGIN IMMEDIATE")
            self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self.conn.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        """Drop the batch in progress: an input interrupted half way is redone by the next run."""
        if self._in_tx:
            self._in_tx = False
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (a full disk does that): nothing is half stored

    def start_run(self, job: str | None, sources: list[str]) -> int:
        """A row in the run history; runs a killed process left 'running' are marked 'killed'."""
        self.begin()
        self.conn.execute("UPDATE runs SET status = 'killed' WHERE status = 'running'")
        cur = self.conn.execute(
            "INSERT INTO runs (job, started, status, sources, pid) VALUES (?, ?, 'running', ?, ?)",
            (job, utcnow(), json.dumps(sources, ensure_ascii=False), os.getpid()),
        )
        self.commit()
        return cur.lastrowid

    def end_run(self, run_id: int, status: str, counts: dict) -> None:
        self.begin()
        self.conn.execute(
            "UPDATE runs SET ended = ?, status = ?, counts = ? WHERE id = ?",
            (utcnow(), status, json.dumps(counts), run_id),
        )
        self.commit()

    def input_state(self, key: str) -> InputState | None:
        row = self.conn.execute(
            "SELECT size, mtime_ns, sha256, status, record, items, name FROM inputs WHERE key = ?", (key,)
        ).fetchone()
        return InputState(*row) if row else None

    def has_failed_items(self, container_path: str) -> bool:
        """Whether an item of this JSONL, JSON or WARC file (as the run names it) failed."""
        return self.conn.execute(
            "SELECT 1 FROM inputs WHERE status = 'failed' AND path = ? LIMIT 1", (container_path,)
        ).fetchone() is not None

    def save_input(
        self, key: str, *, path: str | None, size: int | None, mtime_ns: int | None, sha256: str | None,
        status: str, reason: str | None, record: int | None, run_id: int | None, items: int | None = None,
        name: str | None = None,
    ) -> None:
        now = utcnow()
        self.conn.execute(
            "INSERT INTO inputs (key, path, size, mtime_ns, sha256, status, reason, record, first_seen, last_seen, "
            "run_id, items, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
            "path = excluded.path, items = excluded.items, name = excluded.name, "
            "size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, status = excluded.status, "
            "reason = excluded.reason, record = excluded.record, last_seen = excluded.last_seen, "
            "run_id = excluded.run_id",
            (key, path, size, mtime_ns, sha256, status, reason, record, now, now, run_id, items, name),
        )

    def record_error(self, run_id: int | None, input_name: str, reason: str) -> None:
        self.conn.execute(
            "INSERT INTO errors (run_id, input, reason, at) VALUES (?, ?, ?, ?)", (run_id, input_name, reason, utcnow())
        )

    def store_record(
        self, key: str, url: str | None, prepared: Prepared, run_id: int, prior: InputState | None,
    ) -> tuple[str, int]:
        """File a cleaned record under the input it came from; says what happened and the record's rowid.

        'added' (new article), 'near' (new, marked duplicate_of an earlier one), 'duplicate' (the same
        text as a record already there: one more source for it), 'updated' (the input changed and its
        record with it; the earlier version is kept), 'same' (the input changed but not its text).
        `prior` is the input's row as the run found it (the caller read it to decide to clean).
        """
        prev_record = prior.record if prior else None
        row = self.conn.execute("SELECT rowid FROM records WHERE id = ?", (prepared.id,)).fetchone()
        if row:
            target = row[0]
            outcome = "same" if target == prev_record else "duplicate"
        elif prev_record is not None and self._only_source(prev_record, key):
            target, outcome = prev_record, "updated"
            self._replace(prev_record, prepared, run_id)
        else:
            target, near = self._insert(prepared, run_id)
            outcome = "near" if near else "added"
        if prev_record is not None and prev_record != target:
            self.conn.execute("DELETE FROM sources WHERE input = ? AND record = ?", (key, prev_record))
        self.conn.execute(
            "INSERT OR IGNORE INTO sources (record, input, url, added_at) VALUES (?, ?, ?, ?)",
            (target, key, url, utcnow()),
        )
        return outcome, target

    def _only_source(self, rowid: int, key: str) -> bool:
        inputs = [r[0] for r in self.conn.execute("SELECT input FROM sources WHERE record = ?", (rowid,))]
        return inputs == [key]

    def _columns(self, prepared: Prepared) -> tuple:
        return (prepared.id, prepared.json, prepared.title, prepared.url, site_of(prepared.url), prepared.language,
                prepared.published, prepared.layout)

    def _keep_beside(self, rowid: int, prepared: Prepared, *, replace: bool = False) -> None:
        """The record's facets, and its input when the run keeps inputs."""
        if replace:
            self.conn.execute("DELETE FROM record_facets WHERE record = ?", (rowid,))
        self.conn.executemany("INSERT INTO record_facets (record, facet, value, count) VALUES (?, ?, ?, ?)",
                              [(rowid, *facet) for facet in prepared.facets or ()])
        if prepared.original is not None and prepared.input_sha256:
            self.conn.execute("INSERT OR IGNORE INTO originals (sha256, size, data) VALUES (?, ?, ?)",
                              (prepared.input_sha256, prepared.original_size, prepared.original))

    def _index(self, rowid: int, prepared: Prepared, *, replace: bool = False) -> None:
        if replace:
            self.conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
        self.conn.execute("INSERT INTO search (rowid, title, text) VALUES (?, ?, ?)",
                          (rowid, prepared.search_title, prepared.search_text))

    def _insert(self, prepared: Prepared, run_id: int) -> tuple[int, int | None]:
        near = first_near_duplicate(self.conn, prepared.signature)
        now = utcnow()
        cur = self.conn.execute(
            "INSERT INTO records (id, json, title, url, site, language, published, layout, added_at, updated_at, "
            "run_id, minhash, duplicate_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*self._columns(prepared), now, now, run_id, prepared.signature, near),
        )
        rowid = cur.lastrowid
        if near is None:
            index_record(self.conn, rowid, prepared.signature)
        self._index(rowid, prepared)
        self._keep_beside(rowid, prepared)
        return rowid, near

    def _replace(self, rowid: int, prepared: Prepared, run_id: int) -> None:
        self.conn.execute(
            "INSERT INTO record_versions (record, id, json, version, replaced_at, layout) "
            "SELECT rowid, id, json, version, ?, layout FROM records WHERE rowid = ?",
            (utcnow(), rowid),
        )
        old_signature, old_near = self.conn.execute(
            "SELECT minhash, duplicate_of FROM records WHERE rowid = ?", (rowid,)).fetchone()
        if old_near is None:
            unindex_record(self.conn, rowid, old_signature)
        near = first_near_duplicate(self.conn, prepared.signature, exclude=rowid)
        self.conn.execute(
            "UPDATE records SET id = ?, json = ?, title = ?, url = ?, site = ?, language = ?, published = ?, "
            "layout = ?, version = version + 1, updated_at = ?, run_id = ?, minhash = ?, duplicate_of = ? "
            "WHERE rowid = ?",
            (*self._columns(prepared), utcnow(), run_id, prepared.signature, near, rowid),
        )
        if near is None:
            index_record(self.conn, rowid, prepared.signature)
        self._index(rowid, prepared, replace=True)
        self._keep_beside(rowid, prepared, replace=True)

    def add_sources(self, rowid: int, urls: list[str]) -> None:
        """Extra URLs an imported export says the record came from."""
        for url in urls:
            self.conn.execute(
                "INSERT OR IGNORE INTO sources (record, input, url, added_at) VALUES (?, ?, ?, ?)",
                (rowid, f"url:{url}", url, utcnow()),
            )

    # -- reading -------------------------------------------------------------------------------

    def record_view(self, rowid: int) -> dict:
        """A record as the archive shows and exports it: the record, plus where it came from."""
        row = self.conn.execute(
            "SELECT r.json, r.added_at, r.updated_at, r.version, d.id FROM records r "
            "LEFT JOIN records d ON d.rowid = r.duplicate_of WHERE r.rowid = ?",
            (rowid,),
        ).fetchone()
        data = json.loads(row[0])
        urls = [u for (u,) in self.conn.execute(
            "SELECT DISTINCT url FROM sources WHERE record = ? AND url IS NOT NULL ORDER BY added_at, url", (rowid,)
        )]
        urls = [u for u in dict.fromkeys([data.get("url"), *urls]) if u]  # the page's own URL first
        data["archive"] = {
            "urls": urls, "duplicate_of": row[4], "added": row[1], "updated": row[2], "version": row[3],
        }
        return data

    def find(self, ident: str) -> tuple[int, bool] | None:
        """A record by its id (or a unique prefix of it); True when the id is of an earlier version."""
        if not ident.strip():
            raise ArchiveError("give a record id (or the start of one), as `cleaner search` prints it")
        rows = self.conn.execute(
            "SELECT rowid FROM records WHERE id >= ? AND id < ? LIMIT 2", (ident, ident + "\uffff")
        ).fetchall()
        if len(rows) == 1:
            return rows[0][0], False
        if len(rows) > 1:
            raise ArchiveError(f"{ident}: more than one record has an id starting so; give more of it")
        row = self.conn.execute("SELECT record FROM record_versions WHERE id = ?", (ident,)).fetchone()
        return (row[0], True) if row else None

    def versions(self, rowid: int) -> list[dict]:
        return [
            {"id": i, "version": v, "replaced": t, **{"record": json.loads(j)}}
            for i, j, v, t in self.conn.execute(
                "SELECT id, json, version, replaced_at FROM record_versions WHERE record = ? ORDER BY version", (rowid,)
            )
        ]

    def search(
        self, expression: str, *, lang: str | None = None, site: str | None = None, since: str | None = None,
        until: str | None = None, page_type: str | None = None, limit: int = 20, offset: int = 0,
        snippet_of: Callable[[str, list[str]], object] = snippet,
    ) -> list[dict]:
        """Records matching an fts_query expression, best first. `snippet_of(text, terms)` makes each
        hit's snippet (a string with matches in [ ] by default; a view asks for marked spans)."""
        where, params = ["search MATCH ?"], [expression]
        for rows, values in _filters(lang, site, since, until, page_type):
            # "+": test each match against the set; without it SQLite asks FTS5 once per record of the set
            where.append(f"+search.rowid IN ({rows})")
            params += values
        # rank the matches by rowid alone, then read only the page's records: a record's columns sit
        # after its JSON, which SQLite would otherwise walk for every match
        sql = (
            "SELECT r.id, r.title, r.url, r.language, r.published, json_extract(r.json, '$.text') FROM "
            f"(SELECT search.rowid AS hit, bm25(search) AS rank FROM search WHERE {' AND '.join(where)} "
            "ORDER BY rank, hit LIMIT ? OFFSET ?) AS best JOIN records r ON r.rowid = best.hit "
            "ORDER BY best.rank, best.hit"
        )
        keys = ("id", "title", "url", "language", "published", "snippet")
        try:
            rows = self.conn.execute(sql, (*params, limit, offset)).fetchall()
        except sqlite3.OperationalError as exc:
            raise ArchiveError(f"search: cannot run this query ({exc})") from None
        terms = query_terms(expression)
        return [dict(zip(keys, (*row[:-1], snippet_of(row[-1] or "", terms)), strict=True)) for row in rows]

    def iter_records(self, *, since: str | None = None, run_id: int | None = None) -> Iterator[dict]:
        """Records for export, oldest first; `since` on when the archive added or updated them."""
        where, params = [], []
        if since:
            where.append("updated_at >= ?")
            params.append(since)
        if run_id is not None:
            where.append("run_id = ?")
            params.append(run_id)
        sql = "SELECT rowid FROM records" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY rowid"
        for (rowid,) in self.conn.execute(sql, params).fetchall():
            yield self.record_view(rowid)

    def stats(self) -> dict:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "archive": self.path,
            "schema_version": SCHEMA_VERSION,
            "records": one("SELECT count(*) FROM records"),
            "near_duplicates": one("SELECT count(*) FROM records WHERE duplicate_of IS NOT NULL"),
            "earlier_versions": one("SELECT count(*) FROM record_versions"),
            "urls": one("SELECT count(*) FROM (SELECT url FROM sources WHERE url IS NOT NULL "
                        "UNION SELECT url FROM records WHERE url IS NOT NULL)"),
            "inputs": dict(self.conn.execute("SELECT status, count(*) FROM inputs GROUP BY status ORDER BY status")),
            "languages": dict(self.conn.execute(
                "SELECT coalesce(language, '?'), count(*) c FROM records GROUP BY 1 ORDER BY c DESC, 1")),
            "sites": dict(self.conn.execute(
                "SELECT site, count(*) c FROM records WHERE site IS NOT NULL GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10")),
            "runs": one("SELECT count(*) FROM runs"),
            "last_run": one("SELECT max(started) FROM runs"),
            "size_bytes": os.path.getsize(self.path),
        }

    def failed_inputs(self) -> list[dict]:
        """Inputs failed as of now (an unchanged one is not tried again, so it stays failed), and what
        failed in the latest run without being an input of its own: a missing source, a JSON line
        that does not parse."""
        keys = ("input", "reason", "last_seen", "run")
        rows = sorted(
            (dict(zip(keys, (name or path + _place_of(key), reason, seen, run), strict=True))
             for key, path, name, reason, seen, run in self.conn.execute(
                "SELECT key, coalesce(path, key), name, reason, last_seen, run_id FROM inputs "
                "WHERE status = 'failed'")),
            key=lambda row: _in_file_order(row["input"]),
        )
        named = {row["input"] for row in rows}
        latest = self.conn.execute("SELECT max(id) FROM runs").fetchone()[0]
        for row in self.errors_of_run(latest) if latest is not None else []:
            if row["input"] not in named:
                rows.append({"input": row["input"], "reason": row["reason"], "last_seen": row["at"], "run": row["run"]})
        return rows

    def require_run(self, run_id: int) -> None:
        """An error naming the runs there are, when there is no run `run_id`."""
        if self.conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
            first, last = self.conn.execute("SELECT min(id), max(id) FROM runs").fetchone()
            held = f"its runs are {first} to {last}" if first is not None else "it holds no runs yet"
            raise ArchiveError(f"{self.path}: no run {run_id} ({held}; `cleaner job history --db` lists them)")

    def errors_of_run(self, run_id: int) -> list[dict]:
        keys = ("input", "reason", "at", "run")
        return [dict(zip(keys, row, strict=True)) for row in self.conn.execute(
            "SELECT input, reason, at, run_id FROM errors WHERE run_id = ? ORDER BY rowid", (run_id,)
        )]

    def runs(self, job: str | None = None, limit: int = 20) -> list[dict]:
        sql = "SELECT id, job, started, ended, status, counts FROM runs"
        params: list = []
        if job:
            sql += " WHERE job = ?"
            params.append(job)
        sql += " ORDER BY id DESC LIMIT ?"
        out = []
        for run_id, job_name, started, ended, status, counts in self.conn.execute(sql, (*params, limit)).fetchall():
            errors = self.conn.execute("SELECT count(*) FROM errors WHERE run_id = ?", (run_id,)).fetchone()[0]
            out.append({"run": run_id, "job": job_name, "started": started, "ended": ended, "status": status,
                        "counts": json.loads(counts) if counts else {}, "errors": errors})
        return out[::-1]


def _filters(lang: str | None, site: str | None, since: str | None, until: str | None,
             page_type: str | None) -> Iterator[tuple[str, list]]:
    """Each search filter as the set of record rowids it keeps, read from indexes, not from the records."""
    if lang:
        yield "SELECT rowid FROM records WHERE language = ?", [lang]
    if site:
        host = site.lower().removeprefix("www.")
        yield ("SELECT rowid FROM records WHERE site = ? OR site LIKE ? UNION SELECT rowid FROM records WHERE "
               "json_extract(json, '$.site_name') = ? UNION SELECT record FROM sources WHERE "
               "url LIKE ? OR url LIKE ? OR url LIKE ? OR url LIKE ?",
               [host, f"%.{host}", site, f"%://{host}/%", f"%://{host}", f"%.{host}/%", f"%.{host}"])
    if since:
        yield "SELECT rowid FROM records WHERE substr(published, 1, 10) >= ?", [since]
    if until:
        yield "SELECT rowid FROM records WHERE substr(published, 1, 10) <= ?", [until]
    if page_type:
        yield "SELECT record FROM record_facets WHERE facet = 'page_type' AND value = ?", [page_type]


def _in_file_order(name: str) -> tuple:
    """Sort key: by file, then line 2 before line 10."""
    head, _, line = name.rpartition(":")
    return (head, int(line)) if head and line.isdigit() else (name, -1)


def _place_of(key: str) -> str:
    """':12' or '[3]' when the key is a JSONL line's or a JSON array entry's (inputs an archive
    before version 4 stored without their name), else ''.

    A key with '#' in it is an item keyed by its URL ('path#url'): a URL may end in ':8080'.
    """
    if "#" in key:
        return ""
    head, _, line = key.rpartition(":")
    if head and line.isdigit():
        return f":{line}"
    head, _, index = key.removesuffix("]").rpartition("[")
    return f"[{index}]" if key.endswith("]") and head and index.isdigit() else ""

"""Helpers for the archive and job tests: run the CLI, build collections of real texts, write WARCs."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import FIXTURES

ROOT = FIXTURES.parent
ARCHIVE_FIXTURES = FIXTURES / "archive"
PAGES = ARCHIVE_FIXTURES / "pages"
TEXTS = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "text").glob("*.txt"))


def cli(*args, stdin: bytes | None = None, timeout: float = 120, cwd=None, env_extra: dict | None = None
        ) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *map(str, args)], input=stdin, capture_output=True, timeout=timeout,
        cwd=cwd, env={**env(), **(env_extra or {})},
    )


def popen(*args, cwd=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cleaner", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=cwd, env=env())


def env() -> dict:
    import os

    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    return out


def paragraphs() -> list[str]:
    """Every paragraph of the fixture texts: real Arabic, Persian and English sentences."""
    out = []
    for path in TEXTS:
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        out += [p for p in expected["body"].split("\n\n") if len(p.split()) >= 8]
    return out


def write_texts(folder: Path, count: int, start: int = 0) -> list[Path]:
    """`count` distinct articles as .txt files, each a title and four paragraphs of real text."""
    pool = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + count):
        chosen = [pool[(n * 7 + k * 13) % len(pool)] for k in range(4)]
        body = "\n\n".join(chosen) + f"\n\nThis is report number {n} in the series, filed from desk {n % 17}."
        path = folder / f"article-{n:05d}.txt"
        path.write_text(f"Report {n}: {chosen[0][:60]}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_warc(path: Path, pages: list[tuple[str, bytes]], gzip: bool = True) -> None:
    """A crawler's WARC: a request and an HTML response per page, plus an image response to skip."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        for url, body in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2024-12-09T10:00:00Z"}))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG\r\n"), http_headers=image))


def records_of(db: Path) -> dict[str, dict]:
    """What an archive holds, comparable across archives: per record id, its record, URLs, inputs, duplicate."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for rowid, rid, data, dup in conn.execute(
            "SELECT r.rowid, r.id, r.json, d.id FROM records r LEFT JOIN records d ON d.rowid = r.duplicate_of"
        ):
            inputs = sorted(i for (i,) in conn.execute("SELECT input FROM sources WHERE record = ?", (rowid,)))
            out[rid] = {"record": json.loads(data), "inputs": inputs, "duplicate_of": dup}
        return out
    finally:
        conn.close()


def count(db: Path, table: str, where: str = "1") -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]
    finally:
        conn.close()

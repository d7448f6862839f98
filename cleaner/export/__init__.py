"""Export stage: archive records written in the formats other tools read (JSONL, CSV, Parquet, WARC).

A file appears whole or not at all: it is written under a temporary name beside it and renamed
when complete, so a failure (a missing folder, a full disk) leaves nothing half written behind.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable
from typing import BinaryIO

from cleaner.errors import CleanerError

FORMATS = ("jsonl", "csv", "parquet", "warc")
FLAT_COLUMNS = (
    "id", "url", "urls", "title", "authors", "published", "updated", "site_name", "source", "language", "keywords",
    "page_type", "text", "duplicate_of", "added", "path", "input_sha256", "cleaner_version",
)
STDOUT = "-"


class ExportError(CleanerError):
    """The export could not be written: nothing of it is left behind."""

    exit_status = 5


def flat(record: dict) -> dict:
    """One row per record for tables: lists joined, archive facts as columns."""
    archive = record.get("archive") or {}
    row = {name: record.get(name) for name in FLAT_COLUMNS}
    row["authors"] = "; ".join(record.get("authors") or [])
    row["keywords"] = "; ".join(record.get("keywords") or [])
    row["urls"] = " ".join(archive.get("urls") or [])
    row["duplicate_of"] = archive.get("duplicate_of")
    row["added"] = archive.get("added")
    return row


def _text(handle: BinaryIO, compress: bool) -> io.TextIOWrapper:
    raw = gzip.GzipFile(fileobj=handle, mode="wb") if compress else handle
    return io.TextIOWrapper(raw, encoding="utf-8", newline="", write_through=False)


def _close_text(text: io.TextIOWrapper, compress: bool) -> None:
    raw = text.detach()  # flushes; the file itself is the caller's to close
    if compress:
        raw.close()  # the gzip trailer


def json_line(record: dict) -> str:
    """One JSON Lines line. A page's U+2028 and U+2029 (line and paragraph separators) are escaped:
    JSON allows them raw, but readers that split lines by Unicode (Python's str.splitlines, editors)
    would cut the record there."""
    line = json.dumps(record, ensure_ascii=False)
    if "\u2028" in line or "\u2029" in line:
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return line


def write_jsonl(records: Iterable[dict], handle: BinaryIO, compress: bool = False, name: str = "") -> int:
    count = 0
    text = _text(handle, compress)
    for record in records:
        text.write(json_line(record) + "\n")
        count += 1
    _close_text(text, compress)
    return count


def write_csv(records: Iterable[dict], handle: BinaryIO, compress: bool = False, name: str = "") -> int:
    count = 0
    text = _text(handle, compress)
    writer = csv.DictWriter(text, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow(flat(record))
        count += 1
    _close_text(text, compress)
    return count


def write_parquet(records: Iterable[dict], handle: BinaryIO, compress: bool = False, name: str = "") -> int:
    """Whole records (the JSONL export's fields, `removed` included, `archive` as a struct), so archiving
    the file gives the same records back; the schema is cleaner.export.parquet's."""
    from cleaner.export.parquet import archive_type, schema, write_rows

    return write_rows(records, handle, schema([("archive", archive_type())]))


def _warc(records: Iterable[dict], handle: BinaryIO, compress: bool = False, name: str = "") -> int:
    from cleaner.export.warc import write_warc

    return write_warc(records, handle, compress, name)


WRITERS: dict[str, Callable[..., int]] = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet,
                                          "warc": _warc}


def export(records: Iterable[dict], fmt: str, out: str) -> int:
    """Write the records to `out` (a file, or '-' for standard output) in `fmt`; returns how many
    were written. A name ending in .gz compresses jsonl, csv and warc."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise CleanerError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if out == STDOUT:
        count = writer(records, sys.stdout.buffer, False, "stdout")
        sys.stdout.buffer.flush()
        return count
    compress, name = out.endswith(".gz"), os.path.basename(out)
    if _is_special(out):  # /dev/stdout, a pipe, /dev/full: written into as it is, there is nothing to rename
        return _written(out, lambda: _into(out, writer, records, compress, name))
    folder = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(folder):
        raise ExportError(f"{out}: cannot be written: the folder {folder} does not exist")
    if os.path.isdir(out):
        raise ExportError(f"{out}: cannot be written: it is a folder (give a file name)")
    partial = os.path.join(folder, f".{name}.partial-{os.getpid()}")

    def write_then_rename() -> int:
        count = _into(partial, writer, records, compress, name)
        os.replace(partial, out)
        return count

    try:
        return _written(out, write_then_rename)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _is_special(path: str) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _into(path: str, writer: Callable[..., int], records: Iterable[dict], compress: bool, name: str) -> int:
    with open(path, "wb") as handle:
        return writer(records, handle, compress, name)


def _written(out: str, write: Callable[[], int]) -> int:
    try:
        return write()
    except OSError as exc:
        raise ExportError(f"{out}: cannot be written ({exc.strerror or exc}); nothing was left behind") from None

"""Export stage: archive records written in the formats other tools read (JSONL, CSV, Parquet, WARC)."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterable
from typing import IO

from cleaner.errors import CleanerError

FORMATS = ("jsonl", "csv", "parquet", "warc")
FLAT_COLUMNS = (
    "id", "url", "urls", "title", "authors", "published", "updated", "site_name", "source", "language", "keywords",
    "page_type", "text", "duplicate_of", "added", "path", "input_sha256", "cleaner_version",
)


class ExportError(CleanerError):
    pass


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


def _open_text(out: str) -> IO[str]:
    if out.endswith(".gz"):
        return gzip.open(out, "wt", encoding="utf-8", newline="")
    return open(out, "w", encoding="utf-8", newline="")


def write_jsonl(records: Iterable[dict], out: str) -> int:
    count = 0
    with _open_text(out) as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_csv(records: Iterable[dict], out: str) -> int:
    count = 0
    with _open_text(out) as handle:
        writer = csv.DictWriter(handle, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow(flat(record))
            count += 1
    return count


def write_parquet(records: Iterable[dict], out: str) -> int:
    """Whole records (the JSONL export's fields, `removed` included, `archive` as a struct), so archiving
    the file gives the same records back; the schema is cleaner.export.parquet's."""
    from cleaner.export.parquet import archive_type, schema, write_rows

    return write_rows(records, out, schema([("archive", archive_type())]))


def export(records: Iterable[dict], fmt: str, out: str) -> int:
    """Write the records to `out` in `fmt`; returns how many were written."""
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "csv":
        return write_csv(records, out)
    if fmt == "parquet":
        return write_parquet(records, out)
    if fmt == "warc":
        from cleaner.export.warc import write_warc

        return write_warc(records, out)
    raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")

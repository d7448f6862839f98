"""Helpers for the batch tests: a collection with duplicates across shards, and what a batch output holds."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from archivekit import ARCHIVE_FIXTURES, PAGES, write_warc

from conftest import FIXTURES

MOSCOW_URL = "https://crawl.example.org/ar/moscow-visit"
LIBRARY_URL = "https://crawl.example.org/en/library"


def make_collection(root: Path) -> list[Path]:
    """The archive fixtures (pages, a scraper's JSONL), a crawler's WARC of two of its pages, and the seeds:
    exact and near-duplicates that a small task size puts in different shards."""
    shutil.copytree(ARCHIVE_FIXTURES, root / "saved")
    write_warc(root / "crawl.warc.gz", [(MOSCOW_URL, (PAGES / "news" / "ar-moscow-visit.htm").read_bytes()),
                                        (LIBRARY_URL, (PAGES / "blog" / "en-library.html").read_bytes())])
    (root / "seeds").mkdir()
    for seed in sorted((FIXTURES / "seeds").glob("*.txt")):
        shutil.copy(seed, root / "seeds" / seed.name)
    return [root / "saved", root / "crawl.warc.gz", root / "seeds"]


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def shard_rows(out: Path) -> list[dict]:
    """Every row of every shard, in the manifest's order."""
    import pyarrow.parquet as pq

    from cleaner.export.parquet import read_rows

    rows = []
    for shard in manifest(out)["shards"]:
        path = out / shard["path"]
        if path.name.endswith(".jsonl.gz"):
            rows += [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
        else:
            assert pq.ParquetFile(path).schema_arrow.field("duplicate_of")
            rows += list(read_rows(str(path)))
    return rows


def without_mark(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "duplicate_of"}

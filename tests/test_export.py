"""Exports other tools read: JSONL (back into a new archive gives the same records), CSV, Parquet, WARC."""

from __future__ import annotations

import csv
import gzip
import json

import pytest
from archivekit import ARCHIVE_FIXTURES, cli, records_of
from warcio.archiveiterator import ArchiveIterator


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    db = folder / "archive.db"
    assert cli("archive", ARCHIVE_FIXTURES, "--db", db).returncode == 0
    return db


def assert_archived_again_the_same(archive, export, copy):
    again = cli("archive", export, "--db", copy)
    assert again.returncode == 0, again.stderr
    original, restored = records_of(archive), records_of(copy)
    assert {k: v["record"] for k, v in original.items()} == {k: v["record"] for k, v in restored.items()}
    assert {k: v["duplicate_of"] for k, v in original.items()} == {k: v["duplicate_of"] for k, v in restored.items()}


def test_jsonl_export_archived_again_gives_the_same_records(archive, tmp_path):
    out = tmp_path / "records.jsonl.gz"
    result = cli("export", "--db", archive, "--format", "jsonl", "--out", out)
    assert result.returncode == 0 and result.stderr == b"cleaner: 9 record(s) written to " + str(out).encode() + b"\n"
    exported = [json.loads(line) for line in gzip.open(out, "rt", encoding="utf-8")]
    assert len(exported) == 9 and all("archive" in r for r in exported)

    copy = tmp_path / "copy.db"
    assert_archived_again_the_same(archive, out, copy)
    # every URL a record came from travels with it
    cli("export", "--db", copy, "--format", "jsonl", "--out", tmp_path / "again.jsonl")
    again_urls = {json.loads(x)["id"]: json.loads(x)["archive"]["urls"] for x in open(tmp_path / "again.jsonl")}
    assert again_urls == {r["id"]: r["archive"]["urls"] for r in exported}


def test_csv_has_one_row_per_record(archive, tmp_path):
    out = tmp_path / "records.csv"
    assert cli("export", "--db", archive, "--format", "csv", "--out", out).returncode == 0
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert len(rows) == 9
    row = next(r for r in rows if r["url"] == "https://news.example.org/ar/2024/12/07/hamas-talks")
    assert row["language"] == "ar" and row["published"] == "2024-12-07" and row["text"].startswith("بحث وفد من حركة المقاومة")


def test_parquet_export(archive, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "records.parquet"
    assert cli("export", "--db", archive, "--format", "parquet", "--out", out).returncode == 0
    table = pq.read_table(out)
    assert table.num_rows == 9 and "text" in table.column_names
    assert sorted(table.column("language").to_pylist()) == ["ar"] * 3 + ["en"] * 4 + ["fa"] * 2


def test_warc_export_is_conversion_records_pointing_at_their_urls(archive, tmp_path):
    out = tmp_path / "records.warc.gz"
    assert cli("export", "--db", archive, "--format", "warc", "--out", out).returncode == 0
    with open(out, "rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read().decode())
                   for r in ArchiveIterator(handle)]
    assert records[0][0] == "warcinfo"
    conversions = records[1:]
    assert len(conversions) == 9 and {kind for kind, _, _ in conversions} == {"conversion"}
    hamas = next(body for _, uri, body in conversions if uri == "https://news.example.org/ar/2024/12/07/hamas-talks")
    assert hamas.startswith("لقاءات مع بوغدانوف وهاكان.. حماس تبحث سبل الوصول لوقف إطلاق نار في غزة\n\nبحث وفد من حركة المقاومة")


def test_export_since_a_date_after_every_record_writes_none(archive, tmp_path):
    out = tmp_path / "none.jsonl"
    result = cli("export", "--db", archive, "--format", "jsonl", "--out", out, "--since", "2999-01-01")
    assert result.returncode == 0 and out.read_text() == ""


def test_parquet_export_archived_again_gives_the_same_records(archive, tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "records.parquet"
    assert cli("export", "--db", archive, "--format", "parquet", "--out", out).returncode == 0
    copy = tmp_path / "copy.db"
    assert_archived_again_the_same(archive, out, copy)

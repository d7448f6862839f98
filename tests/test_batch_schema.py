"""The Parquet schema follows Record: a field added to the record is a column, with no list to update."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cleaner.export.parquet import read_rows, record_columns, schema, write_rows
from cleaner.record import FIELDS, Record, Removed

pa = pytest.importorskip("pyarrow")


def test_columns_are_the_record_fields_in_to_dict_order():
    names = [name for name, _ in record_columns()]
    assert names == ["id", *FIELDS[1:], "extra"]
    types = dict(record_columns())
    assert types["authors"] == pa.list_(pa.string()) and types["extra"] is None  # extra is JSON text
    assert types["removed"] == pa.list_(pa.struct([("kind", pa.string()), ("text", pa.string()),
                                                  ("reason", pa.string())]))


def test_a_new_record_field_becomes_a_column_and_reads_back(tmp_path, monkeypatch):
    @dataclass
    class Wider(Record):
        page_type: str | None = None
        scores: dict | None = None

    monkeypatch.setattr("cleaner.record.FIELDS", (*FIELDS, "page_type", "scores"))
    record = Wider(text="Body.", title="T", removed=[Removed("nav", "Home", "menu")], page_type="article",
                   scores={"article": 0.9}, extra={"fetched": "2024-12-09"})
    arrow = schema([("duplicate_of", pa.string())], record_type=Wider)
    assert arrow.field("page_type").type == pa.string() and arrow.field("scores").type == pa.string()
    out = tmp_path / "wide.parquet"
    write_rows([{**record.to_dict(), "duplicate_of": None}, {**Wider(text="Two.").to_dict(), "duplicate_of": "x"}],
               str(out), arrow)
    rows = list(read_rows(str(out)))
    assert rows[0] == {**record.to_dict(), "duplicate_of": None}  # the dict (scores) comes back as it went in
    assert rows[1] == {**Wider(text="Two.").to_dict(), "duplicate_of": "x"} and "extra" not in rows[1]

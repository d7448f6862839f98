"""Records as Parquet rows, and back: the schema is derived from `Record`, so a new field is a new column.

A field typed `str` (or `str | None`) is a string column, `list[str]` a list of strings, `list[Removed]`
a list of structs with Removed's fields, a number or a bool its Arrow type; anything else (the
`extra` dict, a field of a type not listed) is JSON text, named in the schema's metadata so a
reader turns it back into what `Record.to_dict()` gave. Columns come in `to_dict()`'s order, then
whatever the caller appends (`duplicate_of` for batch shards, `archive` for exports).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Iterator
from functools import cache

from cleaner.errors import CleanerError
from cleaner.record import Record

JSON_COLUMNS_KEY = b"cleaner.json_columns"  # schema metadata: columns holding JSON text
ARCHIVE_STRUCT = (("urls", "list"), ("duplicate_of", "str"), ("added", "str"), ("updated", "str"),
                  ("version", "int"))


def pyarrow_modules():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CleanerError("Parquet needs pyarrow: pip install 'cleaner[parquet]'") from None
    return pa, pq


def _arrow_type(hint, pa):
    """The Arrow type of a field's type hint, or None for a value kept as JSON text."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return _arrow_type(args[0], pa) if len(args) == 1 else None
    if typing.get_origin(hint) is list and args:
        (inner,) = args
        if dataclasses.is_dataclass(inner):
            return pa.list_(pa.struct([(f.name, pa.string()) for f in dataclasses.fields(inner)]))
        item = _arrow_type(inner, pa)
        return pa.list_(item) if item is not None else None
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(hint)


@cache
def record_columns(record_type: type = Record) -> tuple[tuple[str, object], ...]:
    """(name, Arrow type or None for JSON text) for every key to_dict() can give, in its order."""
    pa, _ = pyarrow_modules()
    hints = typing.get_type_hints(record_type)
    sample = record_type(text="", extra={"x": 1}).to_dict()
    return tuple((name, pa.string() if name == "id" else _arrow_type(hints.get(name), pa)) for name in sample)


def schema(extra_columns: Iterable[tuple[str, object]] = (), record_type: type = Record):
    """The Parquet schema of records plus `extra_columns` ((name, Arrow type or None for JSON text))."""
    pa, _ = pyarrow_modules()
    columns = [*record_columns(record_type), *extra_columns]
    json_columns = [name for name, kind in columns if kind is None]
    fields = [(name, pa.string() if kind is None else kind) for name, kind in columns]
    return pa.schema(fields, metadata={JSON_COLUMNS_KEY: json.dumps(json_columns).encode()})


def archive_type():
    pa, _ = pyarrow_modules()
    kinds = {"list": pa.list_(pa.string()), "str": pa.string(), "int": pa.int64()}
    return pa.struct([(name, kinds[kind]) for name, kind in ARCHIVE_STRUCT])


def to_row(record: dict, json_columns: Iterable[str]) -> dict:
    """A record dict (as to_dict gives, maybe with more keys) as a row of the schema."""
    row = dict(record)
    row.setdefault("extra", None)
    for name in json_columns:
        if row.get(name) is not None:
            row[name] = json.dumps(row[name], ensure_ascii=False)
    return row


def json_columns_of(arrow_schema) -> list[str]:
    raw = (arrow_schema.metadata or {}).get(JSON_COLUMNS_KEY)
    return json.loads(raw) if raw else []


def from_row(row: dict, json_columns: Iterable[str]) -> dict:
    """A row read back as the dict it was written from: JSON columns decoded, an empty `extra` left out
    (to_dict leaves it out), struct lists as lists of dicts."""
    for name in json_columns:
        if isinstance(row.get(name), str):
            row[name] = json.loads(row[name])
    if not row.get("extra"):
        row.pop("extra", None)
    return row


def write_rows(rows: Iterable[dict], sink, arrow_schema, batch_size: int = 1000) -> int:
    """Write dicts to `sink` (a path or a file) as Parquet of `arrow_schema`; returns the count."""
    pa, pq = pyarrow_modules()
    json_columns = json_columns_of(arrow_schema)
    count = 0
    with pq.ParquetWriter(sink, arrow_schema, compression="zstd") as writer:
        batch: list[dict] = []
        for record in rows:
            batch.append(to_row(record, json_columns))
            count += 1
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=arrow_schema))
    return count


def read_rows(source, columns: list[str] | None = None, batch_size: int = 1000) -> Iterator[dict]:
    """The rows of a Parquet file (a path or an open file) as dicts, a batch at a time."""
    _, pq = pyarrow_modules()
    parquet = pq.ParquetFile(source)
    json_columns = json_columns_of(parquet.schema_arrow)
    for batch in parquet.iter_batches(batch_size=batch_size, columns=columns):
        for row in batch.to_pylist():
            yield from_row(row, json_columns)

"""Parquet files: `cleaner batch` shards and `cleaner export --format parquet` read back as the records
they hold (stored as they are, as a JSONL export is), or a table of scraped pages, a row an item.

Read a batch of rows at a time, so a file of any size is read in bounded memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from cleaner.errors import CleanerError, InputError
from cleaner.read import InputItem
from cleaner.read.jsonl import FieldNames, ItemKeys, is_record, item_of


def _plain(row: dict) -> dict:
    """A scraped row's values as JSON keeps them (timestamps and bytes as text), for the record's `extra`."""
    return json.loads(json.dumps(row, ensure_ascii=False, default=str))


def _open(source):
    from cleaner.read.sources import filesystem_of, is_uri

    if is_uri(source.path):
        filesystem, path = filesystem_of(source.path)
        return filesystem.open_input_file(path)
    return source.path


def read_parquet(source, fields: FieldNames) -> Iterator[InputItem | InputError]:
    """An item per row of the Parquet file `source` (a SourceFile); a bad row is its error and the file goes on."""
    from cleaner.export.parquet import read_rows

    keys = ItemKeys(source.key)
    try:
        for index, row in enumerate(read_rows(_open(source))):
            name, place = f"{source.path}[{index}]", f"{source.key}[{index}]"
            try:
                item = item_of(row if is_record(row) else _plain(row), name, place, source.path, fields)
            except InputError as exc:
                yield exc
                continue
            item.key = keys.of(item.url, item.key)
            yield item
    except CleanerError as exc:
        yield InputError(source.path, str(exc))
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield InputError(source.path, f"is not a readable Parquet file ({exc})")

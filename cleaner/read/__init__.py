"""Read stage: turn what the user names (files, folders, globs, '-') into input items of raw bytes.

Readers only read; decoding and cleaning happen downstream. `read_file`/`read_files` serve
`cleaner clean` (one file, one page); `cleaner.read.sources` walks what an archive run names and
hands each file to its reader (page, JSONL, WARC), so every container yields the same InputItem.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.errors import InputError


@dataclass
class InputItem:
    """One page to clean, as read: raw bytes plus whatever the container told us about it."""

    name: str  # what to call it in messages: a path, "path:line", or a WARC record id
    content: bytes | str
    path: str | None = None
    url: str | None = None
    fetched: str | None = None
    extra: dict = field(default_factory=dict)
    # identity in an archive: the file's absolute path, the WARC record id, "path#url" for a JSONL or
    # JSON item with a URL ("path#url#2" for the URL's second item in the file), else "path:line"/"path[index]"
    key: str | None = None
    # a record cleaner already made (a JSONL export read back): stored as it is, not cleaned again
    record: dict | None = None


def read_file(path: str | Path) -> InputItem:
    """Read one file as given by the user; '-' means standard input."""
    if str(path) == "-":
        return InputItem(name="<stdin>", content=sys.stdin.buffer.read())
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise InputError(str(path), "is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    return InputItem(name=str(path), content=data, path=str(path))


def read_files(paths: Iterable[str | Path]) -> Iterator[InputItem | InputError]:
    """Yield an item per path, or the error for a path that cannot be read, so a batch goes on."""
    for path in paths:
        try:
            yield read_file(path)
        except InputError as exc:
            yield exc

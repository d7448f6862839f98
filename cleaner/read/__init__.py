"""Read stage: turn what the user names (files, folders, globs, '-') into input items of raw bytes.

Readers only read; decoding and cleaning happen downstream. `read_file`/`read_files` serve
`cleaner clean` (one file, one page); `cleaner.read.sources` walks what an archive run names and
hands each file to its reader (page, JSONL, WARC), so every container yields the same InputItem.

Every read is bounded: at most the limit per input is read, after decompression, so a gzip bomb
stops at the limit and not after it.
"""

from __future__ import annotations

import errno
import gzip
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cleaner.errors import InputError, InputTooLarge
from cleaner.limits import MB, too_large_reason

READ_CHUNK = MB
GZIP_MAGIC = b"\x1f\x8b"
GZIP_ERRORS = (OSError, EOFError, zlib.error)  # gzip.BadGzipFile is an OSError
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


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


def display_name(path: str) -> str:
    """A path as messages, records and the archive show it: one line of valid UTF-8.

    A file name that is not UTF-8 (the OS hands it over with surrogates for its bad bytes) shows
    those bytes as \\xff; control characters such as a newline show escaped.
    """
    if not _UNPRINTABLE.search(path):
        return path
    try:
        text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        text = path.encode("utf-8", "backslashreplace").decode("utf-8")
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def read_limited(stream: BinaryIO, limit: int | None, name: str) -> bytes:
    """The stream to its end, or InputTooLarge once more than `limit` bytes came: a chunk at a
    time, so a bomb costs no more memory than the limit."""
    if limit is None:
        return stream.read()
    chunks, total = [], 0
    while chunk := stream.read(min(READ_CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputTooLarge(name, too_large_reason(limit))
    return b"".join(chunks)


def gunzipped(stream: BinaryIO) -> BinaryIO:
    """The stream decompressed when it is gzip (by its magic number, whatever its name)."""
    if stream.peek(2)[:2] == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=stream, mode="rb")
    return stream


def read_content(stream: BinaryIO, limit: int | None, name: str) -> bytes:
    """What one file or standard input holds, gunzipped, within the limit."""
    try:
        return read_limited(gunzipped(stream), limit, name)
    except GZIP_ERRORS as exc:
        raise InputError(name, f"is a broken or truncated gzip file, or cannot be read ({exc})") from None


def open_error(name: str, path: str, exc: OSError) -> InputError:
    """The message for a path that cannot be opened: what is wrong with it, in words."""
    if exc.errno == errno.ELOOP:
        return InputError(name, "is a symbolic link loop (a link that leads back to itself)")
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return InputError(name, "is a symbolic link to a file that does not exist")
        return InputError(name, "no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(name, "is a folder, not a file")
    return InputError(name, f"cannot be read ({exc.strerror or exc})")


def read_file(path: str | Path, limit: int | None = None) -> InputItem:
    """Read one file as given by the user ('-' means standard input), gunzipped, within `limit` bytes."""
    if str(path) == "-":
        return InputItem(name="<stdin>", content=read_content(sys.stdin.buffer, limit, "<stdin>"))
    path = os.fspath(path)
    name = display_name(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(name, "is not a regular file (a pipe, device or socket), so it is not read")
        if limit is not None and info.st_size > limit and not _is_gzip(path):
            raise InputTooLarge(name, too_large_reason(limit))
        with open(path, "rb") as handle:
            content = read_content(handle, limit, name)
    except OSError as exc:
        raise open_error(name, path, exc) from None
    return InputItem(name=name, content=content, path=name)


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def read_files(paths: Iterable[str | Path], limit: int | None = None) -> Iterator[InputItem | InputError]:
    """Yield an item per path, or the error for a path that cannot be read, so a batch goes on."""
    for path in paths:
        try:
            yield read_file(path, limit)
        except InputError as exc:
            yield exc

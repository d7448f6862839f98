"""What an archive run names (files, folders, globs, '-') turned into a list of source files.

The list is taken once, with each file's size and mtime, before anything is read: a file whose
size or mtime differs when it is read is still being written and waits for the next run.

A source may also be a URI that pyarrow's filesystems read (`file://`, `s3://`, `gs://`...): it is
listed and read through pyarrow.fs, and keeps its URI as its path and key. Local paths never touch
pyarrow. A folder holding a `cleaner batch` output (its manifest) is its shards, in order.
"""

from __future__ import annotations

import errno
import glob
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cleaner.errors import InputError
from cleaner.read import GZIP_ERRORS, InputItem, display_name, gunzipped, open_error, read_content, read_limited

PAGE_SUFFIXES = (".html", ".htm", ".txt")
KINDS = {".html": "page", ".htm": "page", ".txt": "page", ".json": "json", ".jsonl": "jsonl", ".warc": "warc",
         ".parquet": "parquet"}
STDIN = "-"
STDIN_NAME = "<stdin>"
BATCH_MANIFEST = "manifest.json"  # what `cleaner batch` writes at the top of its output folder
BATCH_FORMAT = "cleaner-batch"
MANIFEST_MAX_BYTES = 64 * 1024 * 1024  # a manifest larger than this is not one cleaner wrote
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_uri(source: str) -> bool:
    return bool(_URI.match(source))


def filesystem_of(uri: str):
    """pyarrow's filesystem for a URI, and the path on it."""
    try:
        from pyarrow import fs
    except ImportError:
        raise InputError(uri, "URIs are read through pyarrow: pip install 'cleaner[parquet]'") from None
    try:
        return fs.FileSystem.from_uri(uri)
    except (ValueError, OSError) as exc:
        raise InputError(uri, f"cannot be opened ({exc})") from None


@dataclass(frozen=True)
class SourceFile:
    """One file to read, as it was when the run listed it."""

    path: str  # as the user would write it (relative paths stay relative); what is opened
    kind: str  # page | json | jsonl | warc | parquet | stdin
    size: int = -1
    mtime_ns: int = 0

    @property
    def name(self) -> str:
        """The path as messages, records and the archive show it (a name that is not UTF-8 escaped)."""
        return STDIN_NAME if self.path == STDIN else display_name(self.path)

    @property
    def key(self) -> str:
        if self.path == STDIN:
            return "stdin"
        return self.path if is_uri(self.path) else display_name(os.path.abspath(self.path))

    def changed_since_listed(self) -> bool:
        """True when the file is being written: its size or mtime moved since the run listed it."""
        if self.path == STDIN:
            return False
        try:
            size, mtime_ns = _uri_stat(self.path) if is_uri(self.path) else _stat(self.path)
        except (OSError, InputError):
            return True
        return (size, mtime_ns) != (self.size, self.mtime_ns)


def _stat(path: str) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def _uri_stat(uri: str) -> tuple[int, int]:
    filesystem, path = filesystem_of(uri)
    info = filesystem.get_file_info(path)
    if info.type.name != "File":
        raise FileNotFoundError(uri)
    return info.size, info.mtime_ns or 0


def kind_of(path: str) -> str | None:
    """The reader a file name asks for (gzip or not), or None for files an archive ignores."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(".warc") or ".warc." in os.path.basename(name):
        return "warc"
    return KINDS.get(os.path.splitext(name)[1])


def _listed(path: str, kind: str) -> SourceFile | InputError:
    """The file with its size and mtime, or the error that says why it cannot be read."""
    try:
        st = os.stat(path)
    except OSError as exc:
        return open_error(display_name(path), path, exc)
    if not stat.S_ISREG(st.st_mode):
        return InputError(display_name(path), "is not a regular file (a pipe, device or socket), so it is not read")
    return SourceFile(path=path, kind=kind, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _unreadable_folder(exc: OSError) -> InputError:
    name = display_name(exc.filename or "?")
    return InputError(name, f"is a folder that cannot be read ({exc.strerror or exc}): its files were not archived")


def _walk(folder: str) -> Iterator[SourceFile | InputError]:
    """Page, JSONL and WARC files under `folder`, recursively, in a stable order. A folder that
    cannot be read, and a file that cannot, is an error; a symbolic link to a folder is followed
    unless it leads back into a folder being walked (a loop)."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=True):
        yield from map(_unreadable_folder, errors)
        errors.clear()
        if BATCH_MANIFEST in files and (shards := batch_shards(root)) is not None:
            dirs[:] = []  # a batch output inside the folder: its shards, not its work files
            yield from (entry for shard in shards for entry in _one_source(shard) if isinstance(entry, SourceFile))
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            if _leads_back(os.path.join(root, d), root):
                dirs.remove(d)
                yield InputError(display_name(os.path.join(root, d)),
                                 "is a symbolic link loop (it leads back to a folder that holds it): not followed")
        for name in sorted(files):
            kind = kind_of(name)
            if kind and not name.startswith("."):
                path = os.path.join(root, name)
                listed = _listed(path, kind)
                if isinstance(listed, InputError) and not os.path.lexists(path):
                    continue  # gone between listing and stat: nothing to archive
                yield listed
    yield from map(_unreadable_folder, errors)


def _leads_back(link: str, root: str) -> bool:
    target, here = os.path.realpath(link), os.path.realpath(root)
    return here == target or here.startswith(target.rstrip(os.sep) + os.sep)


def batch_shards(folder: str) -> list[str] | None:
    """The shards of a `cleaner batch` output folder (paths or URIs, in order), or None if it is not one."""
    manifest = _read_small(folder.rstrip("/") + "/" + BATCH_MANIFEST)
    if manifest is None:
        return None
    try:
        data = json.loads(manifest)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != BATCH_FORMAT or not isinstance(data.get("shards"), list):
        return None
    shards = [shard.get("path") for shard in data["shards"] if isinstance(shard, dict)]
    return [folder.rstrip("/") + "/" + path for path in shards if isinstance(path, str)]


def _read_small(path: str) -> bytes | None:
    """The file, if it can be read and holds no more than MANIFEST_MAX_BYTES."""
    try:
        if is_uri(path):
            filesystem, inner = filesystem_of(path)
            with filesystem.open_input_stream(inner) as handle:
                data = handle.read(MANIFEST_MAX_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(MANIFEST_MAX_BYTES + 1)
    except (OSError, InputError):
        return None
    return data if len(data) <= MANIFEST_MAX_BYTES else None


def _uri_sources(uri: str) -> Iterator[SourceFile | InputError]:
    """A file or a folder (walked as a local one is) on one of pyarrow's filesystems."""
    from pyarrow import fs

    try:
        filesystem, root = filesystem_of(uri)
        info = filesystem.get_file_info(root)
        if info.type == fs.FileType.File:
            yield SourceFile(uri, kind_of(uri) or "page", info.size, info.mtime_ns or 0)
            return
        if info.type != fs.FileType.Directory:
            yield InputError(uri, "no such file or folder")
            return
        base = uri.rstrip("/")
        found = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
    except OSError as exc:
        yield InputError(uri, f"cannot be read ({exc})")
        return
    for entry in sorted(found, key=lambda e: e.path.split("/")):
        relative = entry.path[len(root):].strip("/")
        if entry.type != fs.FileType.File or any(part.startswith(".") for part in relative.split("/")):
            continue
        if kind := kind_of(entry.base_name):
            yield SourceFile(f"{base}/{relative}", kind, entry.size, entry.mtime_ns or 0)


def _one_source(source: str) -> Iterator[SourceFile | InputError]:
    if source == STDIN:
        yield SourceFile(path=STDIN, kind="stdin")
        return
    if is_uri(source) and (shards := batch_shards(source)) is not None:
        for shard in shards:
            yield from _one_source(shard)
        return
    if is_uri(source):
        try:
            yield from _uri_sources(source)
        except InputError as exc:
            yield exc
        return
    try:
        st = os.stat(source)
    except OSError as exc:
        if exc.errno == errno.ENOENT and not os.path.islink(source) and glob.has_magic(source):
            yield from _globbed(source)
        elif exc.errno == errno.ENOENT and not os.path.islink(source):
            yield InputError(display_name(source), "no such file or folder")
        else:
            yield open_error(display_name(source), source, exc)
        return
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(source)
    else:
        yield _listed(source, kind_of(source) or "page")


def _globbed(pattern: str) -> Iterator[SourceFile | InputError]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError(display_name(pattern), "matches no files")
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(match)
        elif kind_of(match):
            yield _listed(match, kind_of(match))


def list_sources(sources: Iterable[str]) -> list[SourceFile | InputError]:
    """Every file the sources name, each once, in a stable order; a bad source is its error."""
    seen: set[str] = set()
    listed: list[SourceFile | InputError] = []
    for source in sources:
        for entry in _one_source(os.fspath(source)):
            if isinstance(entry, SourceFile):
                if entry.key in seen and entry.path != STDIN:
                    continue
                seen.add(entry.key)
            listed.append(entry)
    return listed


def open_stream(source: SourceFile, *, gunzip: bool = True) -> BinaryIO:
    """The file as a stream, gunzipped when it is gzip (by magic number, whatever its name)."""
    if source.path == STDIN:
        stream = sys.stdin.buffer
    else:
        try:
            if is_uri(source.path):
                filesystem, path = filesystem_of(source.path)
                stream = io.BufferedReader(filesystem.open_input_stream(path, compression=None))
            else:
                stream = open(source.path, "rb")  # noqa: SIM115 - the caller closes it
        except OSError as exc:
            if isinstance(exc, FileNotFoundError):
                raise InputError(source.name, "no such file (removed since the run listed it)") from None
            raise open_error(source.name, source.path, exc) from None
    return gunzipped(stream) if gunzip else stream


def read_bytes(source: SourceFile, limit: int | None = None) -> bytes:
    """The whole file, gunzipped, within `limit` bytes."""
    stream = open_stream(source, gunzip=False)
    try:
        return read_content(stream, limit, source.name)
    finally:
        if source.path != STDIN:
            stream.close()


class Prefixed:
    """A stream with the bytes already read from it put back in front (what sniffing read)."""

    def __init__(self, prefix: bytes, stream: BinaryIO) -> None:
        self.prefix = prefix
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        if not self.prefix:
            return self.stream.read(size)
        if size is None or size < 0:
            out, self.prefix = self.prefix + self.stream.read(), b""
            return out
        out, self.prefix = self.prefix[:size], self.prefix[size:]
        return out

    def readline(self, size: int = -1) -> bytes:
        if not self.prefix:
            return self.stream.readline(size)
        end = self.prefix.find(b"\n") + 1
        if end and (size < 0 or end <= size):
            out, self.prefix = self.prefix[:end], self.prefix[end:]
            return out
        if 0 <= size <= len(self.prefix):
            return self.read(size)
        out, self.prefix = self.prefix, b""
        return out + self.stream.readline(-1 if size < 0 else size - len(out))


def sniff_stdin(limit: int | None) -> tuple[str, BinaryIO]:
    """What standard input holds (warc, jsonl or one page), and the stream to read it from.

    A WARC starts with its version line; JSONL's first line is a JSON object. Read from a pipe,
    the first line is all that is looked at, and it is put back in front of the rest.
    """
    try:
        stream = gunzipped(sys.stdin.buffer)
        first = stream.readline(limit + 1 if limit is not None else -1)
    except GZIP_ERRORS as exc:
        raise InputError(STDIN_NAME, f"is a broken or truncated gzip stream, or cannot be read ({exc})") from None
    stream = Prefixed(first, stream)
    if first.startswith(b"WARC/"):
        return "warc", stream
    if first.lstrip().startswith(b"{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl", stream
        except (ValueError, UnicodeDecodeError):
            pass
    return "page", stream


def read_items(source: SourceFile, fields=None, limit: int | None = None) -> Iterator[InputItem | InputError]:
    """The inputs one source file holds, through the reader its kind asks for, each within `limit` bytes.

    JSONL and WARC files are streamed, so a file of any size is read in bounded memory. Standard
    input is sniffed: a WARC, JSONL, or else one page.
    """
    from cleaner.read.jsonl import FieldNames

    fields = fields or FieldNames()
    if source.path == STDIN:
        try:
            kind, stream = sniff_stdin(limit)
        except InputError as exc:
            yield exc
            return
        if kind == "page":
            try:
                yield InputItem(name=STDIN_NAME, content=read_limited(stream, limit, STDIN_NAME), key=source.key)
            except InputError as exc:
                yield exc
            return
        yield from _stream_items(stream, kind, source, fields, limit)
        return
    try:
        if source.kind == "parquet":
            from cleaner.read.parquet import read_parquet

            yield from read_parquet(source, fields)
        elif source.kind in ("jsonl", "warc"):
            # warcio gunzips each WARC member itself
            stream = open_stream(source, gunzip=source.kind == "jsonl")
            try:
                yield from _stream_items(stream, source.kind, source, fields, limit)
            finally:
                stream.close()
        elif source.kind == "json":
            from cleaner.read.jsonl import read_json

            yield from read_json(read_bytes(source, limit), source.name, source.key, fields)
        else:
            yield InputItem(name=source.name, content=read_bytes(source, limit), path=source.name, key=source.key)
    except InputError as exc:
        yield exc


def _stream_items(stream: BinaryIO, kind: str, source: SourceFile, fields, limit) -> Iterator[InputItem | InputError]:
    from cleaner.read.jsonl import read_jsonl
    from cleaner.read.warc import read_warc

    try:
        if kind == "jsonl":
            yield from read_jsonl(stream, source.name, source.key, fields, limit)
        else:
            yield from read_warc(stream, source.name, limit)
    except GZIP_ERRORS as exc:
        yield InputError(source.name, f"is a broken or truncated gzip file, or cannot be read ({exc})")

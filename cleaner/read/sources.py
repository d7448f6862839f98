"""What an archive run names (files, folders, globs, '-') turned into a list of source files.

The list is taken once, with each file's size and mtime, before anything is read: a file whose
size or mtime differs when it is read is still being written and waits for the next run.

A source may also be a URI that pyarrow's filesystems read (`file://`, `s3://`, `gs://`...): it is
listed and read through pyarrow.fs, and keeps its URI as its path and key. Local paths never touch
pyarrow. A folder holding a `cleaner batch` output (its manifest) is its shards, in order.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cleaner.errors import InputError
from cleaner.read import InputItem

PAGE_SUFFIXES = (".html", ".htm", ".txt")
KINDS = {".html": "page", ".htm": "page", ".txt": "page", ".json": "json", ".jsonl": "jsonl", ".warc": "warc",
         ".parquet": "parquet"}
STDIN = "-"
BATCH_MANIFEST = "manifest.json"  # what `cleaner batch` writes at the top of its output folder
BATCH_FORMAT = "cleaner-batch"
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

    path: str  # as the user would write it (relative paths stay relative)
    kind: str  # page | json | jsonl | warc
    size: int = -1
    mtime_ns: int = 0

    @property
    def key(self) -> str:
        return self.path if self.path == STDIN or is_uri(self.path) else os.path.abspath(self.path)

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


def _listed(path: str, kind: str) -> SourceFile:
    st = os.stat(path)
    return SourceFile(path=path, kind=kind, size=st.st_size, mtime_ns=st.st_mtime_ns)


def _walk(folder: str) -> Iterator[SourceFile]:
    for root, dirs, files in os.walk(folder):
        if BATCH_MANIFEST in files and (shards := batch_shards(root)) is not None:
            dirs[:] = []  # a batch output inside the folder: its shards, not its work files
            yield from (entry for shard in shards for entry in _one_source(shard) if isinstance(entry, SourceFile))
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            kind = kind_of(name)
            if kind and not name.startswith("."):
                try:
                    yield _listed(os.path.join(root, name), kind)
                except OSError:
                    continue  # gone between listing and stat: nothing to archive


def batch_shards(folder: str) -> list[str] | None:
    """The shards of a `cleaner batch` output folder (paths or URIs, in order), or None if it is not one."""
    manifest = _read_small(folder.rstrip("/") + "/" + BATCH_MANIFEST)
    if manifest is None:
        return None
    try:
        data = json.loads(manifest)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != BATCH_FORMAT:
        return None
    return [folder.rstrip("/") + "/" + shard["path"] for shard in data.get("shards", [])]


def _read_small(path: str) -> bytes | None:
    try:
        if is_uri(path):
            filesystem, inner = filesystem_of(path)
            with filesystem.open_input_stream(inner) as handle:
                return handle.read()
        with open(path, "rb") as handle:
            return handle.read()
    except (OSError, InputError):
        return None


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
        yield SourceFile(path=STDIN, kind="page")
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
    if os.path.isdir(source):
        yield from _walk(source)
        return
    if os.path.exists(source):
        try:
            yield _listed(source, kind_of(source) or "page")
        except OSError as exc:
            yield InputError(source, f"cannot be read ({exc.strerror or exc})")
        return
    if glob.has_magic(source):
        matches = sorted(glob.glob(source, recursive=True))
        if not matches:
            yield InputError(source, "matches no files")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            elif kind_of(match):
                yield _listed(match, kind_of(match))
        return
    yield InputError(source, "no such file or folder")


def list_sources(sources: Iterable[str]) -> list[SourceFile | InputError]:
    """Every file the sources name, each once, in a stable order; a bad source is its error."""
    seen: set[str] = set()
    listed: list[SourceFile | InputError] = []
    for source in sources:
        for entry in _one_source(str(source)):
            if isinstance(entry, SourceFile):
                if entry.key in seen and entry.path != STDIN:
                    continue
                seen.add(entry.key)
            listed.append(entry)
    return listed


def _open_error(source: SourceFile, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(source.path, "no such file (removed since the run listed it)")
    return InputError(source.path, f"cannot be read ({exc.strerror or exc})")


def open_stream(source: SourceFile, *, gunzip: bool = True) -> BinaryIO:
    """The file as a stream, gunzipped when it is gzip (by magic number, whatever its name)."""
    if source.path == STDIN:
        return sys.stdin.buffer
    try:
        if is_uri(source.path):
            filesystem, path = filesystem_of(source.path)
            handle = io.BufferedReader(filesystem.open_input_stream(path, compression=None))
        else:
            handle = open(source.path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise _open_error(source, exc) from None
    if gunzip and handle.peek(2)[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=handle, mode="rb")
    return handle


def read_bytes(source: SourceFile) -> bytes:
    """The whole file, gunzipped."""
    stream = open_stream(source)
    try:
        return stream.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(source.path, f"is a broken gzip file or cannot be read ({exc})") from None
    finally:
        if source.path != STDIN:
            stream.close()


def read_items(source: SourceFile, fields=None) -> Iterator[InputItem | InputError]:
    """The inputs one source file holds, through the reader its kind asks for.

    JSONL and WARC files are streamed, so a file of any size is read in bounded memory.
    """
    from cleaner.read.jsonl import FieldNames, read_json, read_jsonl
    from cleaner.read.warc import read_warc

    fields = fields or FieldNames()
    if source.kind == "parquet":
        from cleaner.read.parquet import read_parquet

        yield from read_parquet(source, fields)
    elif source.kind in ("jsonl", "warc"):
        stream = open_stream(source, gunzip=source.kind == "jsonl")  # warcio gunzips WARC members itself
        try:
            if source.kind == "jsonl":
                yield from read_jsonl(stream, source.path, source.key, fields)
            else:
                yield from read_warc(stream, source.path)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(source.path, f"is a broken gzip file or cannot be read ({exc})")
        finally:
            if source.path != STDIN:
                stream.close()
    elif source.kind == "json":
        yield from read_json(read_bytes(source), source.path, source.key, fields)
    else:
        name = "<stdin>" if source.path == STDIN else source.path
        path = None if source.path == STDIN else source.path
        yield InputItem(name=name, content=read_bytes(source), path=path, key=source.key)

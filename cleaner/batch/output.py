"""Where a batch writes: a local folder or a URI on one of pyarrow's filesystems (s3://, gs://...).

Every file is written under a temporary name and moved into place, so a file that exists is
whole: a worker killed mid-write leaves nothing a re-run would take for finished work.

Layout (names relative to the output folder):
    manifest.json                     shards, counts, failed inputs, options, versions
    shards/part-00000.parquet         records (or part-00000.jsonl.gz)
    work/part-00000.sig.parquet       per record: its place, id and MinHash signature (deduplication)
    work/part-00000.done.json         the task's counts and failed inputs: written last, it marks the task done
"""

from __future__ import annotations

import gzip
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from cleaner.export import json_line
from cleaner.read.sources import is_uri

MANIFEST = "manifest.json"
SHARD_SUFFIX = {"parquet": ".parquet", "jsonl": ".jsonl.gz"}


def task_name(index: int) -> str:
    return f"part-{index:05d}"


def shard_path(index: int, fmt: str) -> str:
    return f"shards/{task_name(index)}{SHARD_SUFFIX[fmt]}"


def signatures_path(index: int) -> str:
    return f"work/{task_name(index)}.sig.parquet"


def done_path(index: int) -> str:
    return f"work/{task_name(index)}.done.json"


class Output:
    """The output folder. Holds only its name, so it pickles to workers; the filesystem opens on use."""

    def __init__(self, root: str) -> None:
        self.root = root.rstrip("/") if is_uri(root) else os.path.abspath(root)
        self._fs = None
        self._base = ""

    def __getstate__(self) -> dict:
        return {"root": self.root}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["root"])

    @property
    def fs(self):
        if self._fs is None:
            from pyarrow import fs

            if is_uri(self.root):
                self._fs, self._base = fs.FileSystem.from_uri(self.root)
            else:
                self._fs, self._base = fs.LocalFileSystem(), self.root
        return self._fs

    def path(self, relative: str) -> str:
        """The path on the filesystem."""
        _ = self.fs
        return f"{self._base}/{relative}"

    def uri(self, relative: str) -> str:
        """The name a person (or another run) uses: the folder's path or URI joined with `relative`."""
        return f"{self.root}/{relative}"

    def make_folders(self) -> None:
        for folder in ("shards", "work"):
            self.fs.create_dir(self.path(folder), recursive=True)

    def exists(self, relative: str) -> bool:
        return self.fs.get_file_info(self.path(relative)).type.name == "File"

    def read_bytes(self, relative: str) -> bytes | None:
        try:
            with self.fs.open_input_stream(self.path(relative), compression=None) as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def read_json(self, relative: str) -> dict | None:
        raw = self.read_bytes(relative)
        try:
            return json.loads(raw) if raw is not None else None
        except ValueError:
            return None

    def open_input(self, relative: str):
        return self.fs.open_input_file(self.path(relative))

    @contextmanager
    def writing(self, relative: str) -> Iterator:
        """A stream that becomes `relative` when the block ends without an error."""
        temporary = f"{relative}.tmp-{uuid.uuid4().hex[:12]}"
        try:
            with self.fs.open_output_stream(self.path(temporary), compression=None) as handle:
                yield handle
            self.fs.move(self.path(temporary), self.path(relative))
        except BaseException:
            self.remove(temporary)
            raise

    def write_json(self, relative: str, data: dict) -> None:
        with self.writing(relative) as handle:
            handle.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def remove(self, relative: str) -> None:
        try:
            self.fs.delete_file(self.path(relative))
        except (FileNotFoundError, OSError):
            pass

    def listing(self, folder: str) -> list[str]:
        """Names (relative to the output folder) of the files in `folder`."""
        from pyarrow import fs

        try:
            found = self.fs.get_file_info(fs.FileSelector(self.path(folder), allow_not_found=True))
        except OSError:
            return []
        return sorted(f"{folder}/{info.base_name}" for info in found if info.type == fs.FileType.File)


# -- shards ----------------------------------------------------------------------------------------


def shard_schema():
    from cleaner.export.parquet import pyarrow_modules, schema

    pa, _ = pyarrow_modules()
    return schema([("duplicate_of", pa.string())])


def write_shard(output: Output, relative: str, fmt: str, rows: Iterable[dict]) -> int:
    """Write record dicts (each with its `duplicate_of`) as one shard; returns how many."""
    with output.writing(relative) as handle:
        if fmt == "parquet":
            from cleaner.export.parquet import write_rows

            return write_rows(rows, handle, shard_schema())
        count = 0
        with gzip.GzipFile(fileobj=handle, mode="wb", compresslevel=6, mtime=0) as packed:
            for row in rows:
                packed.write(json_line(row).encode("utf-8") + b"\n")
                count += 1
        return count


def read_duplicate_marks(output: Output, relative: str, fmt: str) -> list[str | None]:
    """The shard's `duplicate_of` values, in row order."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with output.open_input(relative) as handle:
            return pq.read_table(handle, columns=["duplicate_of"]).column("duplicate_of").to_pylist()
    raw = gzip.decompress(output.read_bytes(relative) or b"")
    return [json.loads(line).get("duplicate_of") for line in raw.splitlines() if line.strip()]


def rewrite_duplicate_marks(output: Output, relative: str, fmt: str, marks: list[str | None]) -> None:
    """The shard again with its `duplicate_of` column set to `marks` (records untouched)."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        with output.open_input(relative) as handle:
            table = pq.read_table(handle)
        index = table.schema.get_field_index("duplicate_of")
        table = table.set_column(index, table.schema.field(index), pa.array(marks, pa.string()))
        with output.writing(relative) as handle:
            pq.write_table(table, handle, compression="zstd")
        return
    raw = gzip.decompress(output.read_bytes(relative) or b"")
    rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    for row, mark in zip(rows, marks, strict=True):
        row["duplicate_of"] = mark
    write_shard(output, relative, fmt, rows)

"""List the inputs and split them into tasks: the unit a worker cleans into one shard.

Page files are grouped, in listing order, `task_size` to a task; a container (JSONL, JSON, WARC,
Parquet) is a task of its own, as it can only be read from its start. Tasks keep the listing's
order, so records come out in the order `cleaner archive` stores them, and the first of two
duplicates is the same one for both.

A task's digest covers what it reads (each file's path, size and mtime) and how it is cleaned
(mode, rules, fields, format, cleaner's version): a re-run finds a task done under the same digest
and skips it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from cleaner import __version__
from cleaner.errors import InputError
from cleaner.read.jsonl import FieldNames
from cleaner.read.sources import SourceFile

ENGINES = ("local", "ray")
FORMATS = ("parquet", "jsonl")
DEFAULT_TASK_SIZE = 250  # page files per task: a few seconds of cleaning, a shard of a few MB


@dataclass
class BatchOptions:
    engine: str = "local"
    workers: int = 1
    format: str = "parquet"
    mode: str = "auto"
    rules: str | None = None
    fields: FieldNames = field(default_factory=FieldNames)
    task_size: int = DEFAULT_TASK_SIZE
    address: str | None = None  # a running Ray cluster (ray engine); None starts a local one

    def as_dict(self) -> dict:
        return asdict(self)

    def cleaning(self) -> dict:
        """What decides the records a task gives (and so its digest)."""
        rules = None
        if self.rules:
            with open(self.rules, "rb") as handle:
                rules = hashlib.sha256(handle.read()).hexdigest()
        return {"mode": self.mode, "rules": rules, "fields": asdict(self.fields), "format": self.format,
                "cleaner": __version__}


@dataclass(frozen=True)
class Task:
    index: int
    sources: tuple[SourceFile, ...]
    digest: str

    def to_json(self) -> str:
        return json.dumps({"index": self.index, "digest": self.digest,
                           "sources": [asdict(s) for s in self.sources]})

    @classmethod
    def from_json(cls, text: str) -> Task:
        data = json.loads(text)
        return cls(data["index"], tuple(SourceFile(**s) for s in data["sources"]), data["digest"])


def _digest(sources: list[SourceFile], cleaning: dict) -> str:
    listed = [(s.path, s.kind, s.size, s.mtime_ns) for s in sources]
    return hashlib.sha256(json.dumps([listed, cleaning], sort_keys=True).encode()).hexdigest()[:16]


def plan(listed: list[SourceFile | InputError], options: BatchOptions) -> tuple[list[Task], list[InputError]]:
    """Tasks in listing order, and the sources that could not be listed."""
    cleaning = options.cleaning()
    groups: list[list[SourceFile]] = []
    pages: list[SourceFile] = []
    errors: list[InputError] = []
    for entry in listed:
        if isinstance(entry, InputError):
            errors.append(entry)
        elif entry.kind == "page":
            pages.append(entry)
            if len(pages) >= options.task_size:
                groups.append(pages)
                pages = []
        else:
            if pages:
                groups.append(pages)
                pages = []
            groups.append([entry])
    if pages:
        groups.append(pages)
    tasks = [Task(index, tuple(group), _digest(group, cleaning)) for index, group in enumerate(groups)]
    return tasks, errors

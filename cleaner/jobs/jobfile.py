"""Job files: what an unattended run archives and exports, checked whole before anything runs.

Every unknown key and wrong type is reported with its line, so a typo in a job that cron starts at
night fails at once with a message a person can act on, not half way through.
"""

from __future__ import annotations

import re
import string
import sys
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.errors import CleanerError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MODES = ("auto", "text", "html")
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "warc")
EXPORT_RECORDS = ("new", "all")
PLACEHOLDERS = {"date", "time", "run", "job"}


class JobFileError(CleanerError):
    """A job file that cannot run; the message lists every problem with its line."""


@dataclass(frozen=True)
class Key:
    kind: type | tuple[type, ...]
    required: bool = False
    choices: tuple = ()
    minimum: float | None = None


TOP = {
    "name": Key(str), "archive": Key(str), "sources": Key(list, required=True), "workers": Key(int, minimum=1),
    "rules": Key(str), "mode": Key(str, choices=MODES), "url_field": Key(str), "content_field": Key(str),
    "wait_seconds": Key((int, float), minimum=0), "limits": Key(dict), "export": Key(list), "keep_inputs": Key(bool),
}
LIMITS = {"max_inputs": Key(int, minimum=1), "max_seconds": Key((int, float), minimum=1)}
EXPORT = {"format": Key(str, required=True, choices=EXPORT_FORMATS), "out": Key(str, required=True),
          "records": Key(str, choices=EXPORT_RECORDS)}


@dataclass
class ExportSpec:
    format: str
    out: str  # a template: {date} {time} {run} {job}
    records: str = "new"  # new: records added or updated since this job's last export; all: every record


@dataclass
class Job:
    path: Path
    name: str
    archive: str
    sources: list[str]
    workers: int = 1
    rules: str | None = None
    mode: str = "auto"
    url_field: str | None = None
    content_field: str | None = None
    wait_seconds: float = 60.0
    max_inputs: int | None = None
    max_seconds: float | None = None
    exports: list[ExportSpec] = field(default_factory=list)
    keep_inputs: bool = True  # keep each record's input in the archive (for `cleaner serve`)


_TABLE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")


def key_lines(text: str) -> dict[tuple[str, int, str], int]:
    """Where each key is written: (table, index of an array-of-tables entry, key) -> line number."""
    lines: dict[tuple[str, int, str], int] = {}
    table, index, counts = "", 0, {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            table = header.group(2).strip().strip("\"'")
            counts[table] = counts.get(table, -1) + 1 if header.group(1) == "[[" else 0
            index = counts[table]
            lines.setdefault((table, index, ""), number)
            continue
        key = re.match(r"^\s*[\"']?([A-Za-z0-9_\-]+)[\"']?\s*=", line)
        if key:
            lines.setdefault((table, index, key.group(1)), number)
    return lines


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", int: "a whole number", float: "a number", list: "a list", dict: "a table",
             bool: "true or false"}
    return " or ".join(dict.fromkeys(names[k] for k in kinds))


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.problems: list[tuple[int, str]] = []

    def problem(self, table: str, index: int, key: str, message: str) -> None:
        line = self.lines.get((table, index, key)) or self.lines.get((table, index, "")) or 0
        self.problems.append((line, message))

    def table(self, data: dict, schema: dict[str, Key], table: str = "", index: int = 0) -> None:
        where = f" in [{table}]" if table else ""
        for key, value in data.items():
            spec = schema.get(key)
            if spec is None:
                self.problem(table, index, key, f"unknown key {key!r}{where} (known: {', '.join(schema)})")
                continue
            if (isinstance(value, bool) and spec.kind is not bool) or not isinstance(value, spec.kind):
                self.problem(table, index, key, f"{key!r} must be {_type_name(spec.kind)}, not {value!r}")
            elif spec.choices and value not in spec.choices:
                self.problem(table, index, key, f"{key!r} must be one of {', '.join(spec.choices)}, not {value!r}")
            elif spec.minimum is not None and value < spec.minimum:
                self.problem(table, index, key, f"{key!r} must be at least {spec.minimum:g}, not {value!r}")
        for key, spec in schema.items():
            if spec.required and key not in data:
                self.problem(table, index, "", f"{key!r} is missing{where}")

    def fail_if_any(self) -> None:
        if self.problems:
            lines = [f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"
                     for line, message in sorted(self.problems)]
            raise JobFileError("bad job file, nothing was run:\n" + "\n".join(lines))


def _check(path: Path, text: str, data: dict) -> None:
    checker = _Checker(path, text)
    checker.table(data, TOP)
    sources = data.get("sources")
    if isinstance(sources, list) and (not sources or not all(isinstance(s, str) and s for s in sources)):
        checker.problem("", 0, "sources", "'sources' must be a list of paths, folders or globs (at least one)")
    if isinstance(data.get("limits"), dict):
        checker.table(data["limits"], LIMITS, "limits")
    if isinstance(data.get("export"), list):
        for index, spec in enumerate(data["export"]):
            if not isinstance(spec, dict):
                checker.problem("", 0, "export", "'export' entries must be tables: [[export]]")
                continue
            checker.table(spec, EXPORT, "export", index)
            out = spec.get("out")
            if isinstance(out, str):
                fields = {f for _, f, _, _ in string.Formatter().parse(out) if f is not None}
                if fields - PLACEHOLDERS:
                    checker.problem("export", index, "out", f"'out' may use {{date}} {{time}} {{run}} {{job}}, "
                                    f"not {{{', '.join(sorted(fields - PLACEHOLDERS))}}}")
    checker.fail_if_any()


def load_job(path: str | Path) -> Job:
    """Read and check a job file; relative paths in it are relative to the file's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise JobFileError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise JobFileError(f"{path}: not valid TOML ({exc}), nothing was run") from None
    _check(path, text, data)
    base = path.resolve().parent

    def local(value: str | None) -> str | None:
        if value is None or value == "-":
            return value
        return str(base / Path(value).expanduser())

    limits = data.get("limits", {})
    return Job(
        path=path, name=data.get("name") or path.stem, archive=local(data.get("archive", "archive.db")),
        sources=[local(s) for s in data["sources"]], workers=data.get("workers", 1), rules=local(data.get("rules")),
        mode=data.get("mode", "auto"), url_field=data.get("url_field"), content_field=data.get("content_field"),
        wait_seconds=float(data.get("wait_seconds", 60)), max_inputs=limits.get("max_inputs"),
        max_seconds=limits.get("max_seconds"),
        exports=[ExportSpec(e["format"], local(e["out"]), e.get("records", "new")) for e in data.get("export", [])],
        keep_inputs=data.get("keep_inputs", True),
    )

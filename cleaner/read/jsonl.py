"""JSONL (and .json) exports of scrapers: one scraped item per line, found by the usual field names.

A line that is a record cleaner itself wrote (an export read back) is passed on as that record, so
exporting an archive and archiving the export gives the same records.

An item is keyed in the archive by its URL, not its line: scrapers rewrite their exports in a new
order every day, and a line number would file one article as a new version of another.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cleaner.errors import InputError, InputTooLarge, describe_exception
from cleaner.limits import too_large_reason
from cleaner.read import READ_CHUNK, InputItem

URL_FIELDS = ("url", "link", "uri", "href", "page_url", "source_url", "canonical_url", "target_uri")
CONTENT_FIELDS = ("html", "raw_html", "page_html", "content", "text", "body", "article", "raw", "page")
FETCHED_FIELDS = ("fetched", "fetched_at", "fetch_time", "crawled", "crawled_at", "scraped_at", "retrieved")
RECORD_MARKERS = ("text", "cleaner_version", "input_sha256", "removed")


class UnfinishedLine(InputError):
    """Not a failure: a last line the scraper is still writing, for the next run to read."""


@dataclass(frozen=True)
class FieldNames:
    """Which fields of a scraped item hold its URL and its page; None means 'look for the usual names'."""

    url: str | None = None
    content: str | None = None


def _pick(data: dict, named: str | None, usual: tuple[str, ...]) -> str | None:
    if named:
        return named if named in data else None
    lowered = {k.lower(): k for k in data}
    for name in usual:
        if name in lowered and isinstance(data[lowered[name]], str) and data[lowered[name]].strip():
            return lowered[name]
    return None


def is_record(data: dict) -> bool:
    return all(marker in data for marker in RECORD_MARKERS)


_RECORD_STRINGS = ("text", "cleaner_version", "input_sha256")
_RECORD_OPTIONAL_STRINGS = ("path", "url", "title", "published", "updated", "site_name", "source", "language",
                            "page_type")
_RECORD_LISTS = ("authors", "keywords", "page_type_evidence", "warnings")


def record_problem(data: dict) -> str | None:
    """Why a line shaped like cleaner's record cannot be one (a field of the wrong type), or None.
    Such a line is stored as it is, never cleaned again: a wrong type would fail the whole run."""
    for name in _RECORD_STRINGS:
        if not isinstance(data[name], str):
            return f"field {name!r} is not a string"
    for name in _RECORD_OPTIONAL_STRINGS:
        if data.get(name) is not None and not isinstance(data[name], str):
            return f"field {name!r} is not a string"
    for name in _RECORD_LISTS:
        value = data.get(name)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"field {name!r} is not a list of strings"
    removed = data["removed"]
    if not isinstance(removed, list) or not all(
        isinstance(r, dict) and isinstance(r.get("kind"), str) and isinstance(r.get("text"), str)
        and isinstance(r.get("reason", ""), str) and r.keys() <= {"kind", "text", "reason"} for r in removed
    ):
        return "field 'removed' is not a list of {kind, text, reason} objects"
    if data.get("extra") is not None and not isinstance(data["extra"], dict):
        return "field 'extra' is not an object"
    archive = data.get("archive")
    urls = archive.get("urls") if isinstance(archive, dict) else None
    if archive is not None and (not isinstance(archive, dict) or not (
            urls is None or isinstance(urls, list) and all(isinstance(u, str) for u in urls))):
        return "field 'archive' is not an object with a list of URLs"
    return None


_JSON_TYPES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


def item_of(data: object, name: str, key: str, path: str, fields: FieldNames) -> InputItem:
    """One scraped item as an input; the fields it does not use are kept under the record's `extra`."""
    if not isinstance(data, dict):
        raise InputError(name, f"is a JSON {_JSON_TYPES.get(type(data), 'value')}, not an object with a page in it")
    if is_record(data):
        if problem := record_problem(data):
            raise InputError(name, f"looks like a record cleaner wrote, but its {problem}")
        return InputItem(name=name, content=data["text"], path=path, url=data.get("url"), key=key, record=data)
    content_field = _pick(data, fields.content, CONTENT_FIELDS)
    if content_field is None:
        wanted = fields.content or ", ".join(CONTENT_FIELDS)
        raise InputError(name, f"has no page in it (looked for {wanted}); name the field with --content-field")
    content = data[content_field]
    if not isinstance(content, str):
        raise InputError(name, f"field {content_field!r} is not a string")
    url_field = _pick(data, fields.url, URL_FIELDS)
    fetched_field = _pick(data, None, FETCHED_FIELDS)
    used = {content_field, url_field, fetched_field}
    return InputItem(
        name=name,
        content=content,
        path=path,
        url=data.get(url_field) if url_field else None,
        fetched=str(data[fetched_field]) if fetched_field else None,
        extra={k: v for k, v in data.items() if k not in used},
        key=key,
    )


class ItemKeys:
    """Archive keys for the items of one file: '<file key>#<url>', '#<url>#2' for the URL's second item.

    An item without a URL keeps the key of its place ('<file key>:<line>' or '<file key>[<index>]').
    Holds the file's URLs while it is read: about 200 bytes per item (21 MB for 100,000).
    """

    def __init__(self, file_key: str) -> None:
        self.file_key = file_key
        self._count: dict[str, int] = {}  # items seen per URL
        self._issued: set[str] = set()  # keys given, less the file key: no two items share one

    def of(self, url: object, place_key: str) -> str:
        if not isinstance(url, str) or not url.strip():
            return place_key
        url = url.strip()
        occurrence = self._count.get(url, 0) + 1
        tail = url if occurrence == 1 else f"{url}#{occurrence}"
        while tail in self._issued:  # taken by a URL of its own that ends in '#2'
            occurrence += 1
            tail = f"{url}#{occurrence}"
        self._count[url] = occurrence
        self._issued.add(tail)
        return f"{self.file_key}#{tail}"


def _keyed(item: InputItem, keys: ItemKeys) -> InputItem:
    item.key = keys.of(item.url, item.key)
    return item


_BLANK_LINES = re.compile(rb"[ \t\r\n]*\n")  # a run of blank lines (a repeated group would be 1,000x slower)


def _lines(stream: BinaryIO, limit: int | None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) for each line (most blank ones skipped); None for a line longer than `limit`,
    whose bytes are dropped as they come rather than held in memory. Read a block at a time, so a
    run of blank lines (a .gz of 2 GB of newlines) is skipped at the speed of a regex, not of a
    Python step per line."""
    number = 0
    pending: list[bytes] = []  # the start of a line that has not ended yet
    held = 0  # its size
    over = False  # the line being read is past the limit
    while block := stream.read(READ_CHUNK):
        start = 0
        while True:
            if not pending and not over and (blank := _BLANK_LINES.match(block, start)):
                number += block.count(b"\n", start, blank.end())
                start = blank.end()
            end = block.find(b"\n", start)
            if end < 0:
                break
            number += 1
            size = held + end - start
            if over or (limit is not None and size > limit):
                yield number, None
            else:
                yield number, b"".join([*pending, block[start:end + 1]])
            pending, held, over, start = [], 0, False, end + 1
        if not over and start < len(block):
            pending.append(block[start:])
            held += len(block) - start
            if limit is not None and held > limit:
                pending, held, over = [], 0, True
    if over or pending:
        yield number + 1, None if over else b"".join(pending)


def read_jsonl(
    stream: BinaryIO, path: str, key: str, fields: FieldNames, limit: int | None = None
) -> Iterator[InputItem | InputError]:
    """An item per non-blank line; a bad line is its error and the file goes on.

    A last line with no newline that does not parse is a line still being written: it is left for
    the next run rather than failed.
    """
    keys = ItemKeys(key)
    for number, raw in _lines(stream, limit):
        name, item_key = f"{path}:{number}", f"{key}:{number}"
        if raw is None:
            yield InputTooLarge(name, too_large_reason(limit))
            continue
        if not raw.strip():
            continue
        try:
            parsed = _parsed(raw)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            if not raw.endswith(b"\n"):  # unterminated last line: the scraper is still writing it
                yield UnfinishedLine(name, "its last line is unfinished (still being written?); left for the next run")
                return
            yield InputError(name, f"is not valid JSON ({describe_exception(exc)})")
            continue
        try:
            yield _keyed(item_of(parsed, name, item_key, path, fields), keys)
        except InputError as exc:
            yield exc


_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _parsed(raw: bytes) -> object:
    """The JSON value, with any lone surrogate ('\\udcff', which JSON allows and no file or database
    takes) turned into U+FFFD."""
    parsed = json.loads(raw)
    return _scrubbed(parsed) if _ESCAPED_SURROGATE.search(raw) else parsed


def _scrubbed(value: object) -> object:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_scrubbed(v) for v in value]
    if isinstance(value, dict):
        return {_scrubbed(k): _scrubbed(v) for k, v in value.items()}
    return value


def read_json(data: bytes, path: str, key: str, fields: FieldNames) -> Iterator[InputItem | InputError]:
    """A .json file: one scraped item, or a list of them."""
    try:
        parsed = _parsed(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        yield InputError(path, f"is not valid JSON ({describe_exception(exc)})")
        return
    keys = ItemKeys(key)
    if not isinstance(parsed, list):
        try:
            yield _keyed(item_of(parsed, path, key, path, fields), keys)
        except InputError as exc:
            yield exc
        return
    for index, entry in enumerate(parsed):
        try:
            yield _keyed(item_of(entry, f"{path}[{index}]", f"{key}[{index}]", path, fields), keys)
        except InputError as exc:
            yield exc

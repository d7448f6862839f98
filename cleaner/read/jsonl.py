"""JSONL (and .json) exports of scrapers: one scraped item per line, found by the usual field names.

A line that is a record cleaner itself wrote (an export read back) is passed on as that record, so
exporting an archive and archiving the export gives the same records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from cleaner.errors import InputError
from cleaner.read import InputItem

URL_FIELDS = ("url", "link", "uri", "href", "page_url", "source_url", "canonical_url", "target_uri")
CONTENT_FIELDS = ("html", "raw_html", "page_html", "content", "text", "body", "article", "raw", "page")
FETCHED_FIELDS = ("fetched", "fetched_at", "fetch_time", "crawled", "crawled_at", "scraped_at", "retrieved")
RECORD_MARKERS = ("text", "cleaner_version", "input_sha256", "removed")


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


def item_of(data: object, name: str, key: str, path: str, fields: FieldNames) -> InputItem:
    """One scraped item as an input; the fields it does not use are kept under the record's `extra`."""
    if not isinstance(data, dict):
        raise InputError(name, f"is a JSON {type(data).__name__}, not an object with a page in it")
    if is_record(data):
        return InputItem(name=name, content=data["text"] or "", path=path, url=data.get("url"), key=key, record=data)
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


def read_jsonl(stream: BinaryIO, path: str, key: str, fields: FieldNames) -> Iterator[InputItem | InputError]:
    """An item per non-blank line; a bad line is its error and the file goes on.

    A last line with no newline that does not parse is a line still being written: it is left for
    the next run rather than failed.
    """
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        name, item_key = f"{path}:{number}", f"{key}:{number}"
        try:
            parsed = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            if not raw.endswith(b"\n"):
                return  # unterminated last line: the scraper is still writing it
            yield InputError(name, f"is not valid JSON ({exc})")
            continue
        try:
            yield item_of(parsed, name, item_key, path, fields)
        except InputError as exc:
            yield exc


def read_json(data: bytes, path: str, key: str, fields: FieldNames) -> Iterator[InputItem | InputError]:
    """A .json file: one scraped item, or a list of them."""
    try:
        parsed = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        yield InputError(path, f"is not valid JSON ({exc})")
        return
    if not isinstance(parsed, list):
        try:
            yield item_of(parsed, path, key, path, fields)
        except InputError as exc:
            yield exc
        return
    for index, entry in enumerate(parsed):
        try:
            yield item_of(entry, f"{path}[{index}]", f"{key}[{index}]", path, fields)
        except InputError as exc:
            yield exc
